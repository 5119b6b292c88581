using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Child;

/// <summary>
/// The system call numbers only the terminal steps use, kept beside them rather than in <see cref="Native.SyscallTable"/>.
/// </summary>
internal sealed record TerminalSyscalls(long Sendmsg, long Setsid)
{
    public static TerminalSyscalls Current { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => new(Sendmsg: 46, Setsid: 112),
        Architecture.Arm64 => new(Sendmsg: 211, Setsid: 157),
        var other => throw new PlatformNotSupportedException($"containerps-shim has no system call table for {other}"),
    };
}
