using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Native;

/// <summary>
/// System call numbers for the steps the container child runs. x86-64 has its own table; arm64 uses the asm-generic
/// one (include/uapi/asm-generic/unistd.h), which has only the *at variants: the plan uses those everywhere.
/// </summary>
internal sealed record SyscallTable(
    long Read, long Write, long Close, long Ioctl, long Socket, long Dup3, long Openat, long Mkdirat, long Mknodat,
    long Symlinkat, long Mount, long Umount2, long PivotRoot, long Chdir, long Unshare, long Sethostname,
    long Setgroups, long Setresgid, long Setresuid, long Capset, long Prctl, long Prlimit64, long RtSigaction,
    long RtSigprocmask, long CloseRange, long Execve, long Umask, long Unlinkat, long Setns, long Seccomp, long Chroot, long Fchownat, long Personality, long Faccessat, long Fchmodat)
{
    /// <summary>The pseudo call that forks the reaping init (native/child.c, CPS_FORK_INIT).</summary>
    public const long ForkInit = -2;

    /// <summary>The pseudo call that runs one hook (native/hook.c through child.c, CPS_RUN_HOOK).</summary>
    public const long RunHook = -3;

    public static readonly SyscallTable X64 = new(
        Read: 0, Write: 1, Close: 3, Ioctl: 16, Socket: 41, Dup3: 292, Openat: 257, Mkdirat: 258, Mknodat: 259,
        Symlinkat: 266, Mount: 165, Umount2: 166, PivotRoot: 155, Chdir: 80, Unshare: 272, Sethostname: 170,
        Setgroups: 116, Setresgid: 119, Setresuid: 117, Capset: 126, Prctl: 157, Prlimit64: 302, RtSigaction: 13,
        RtSigprocmask: 14, CloseRange: 436, Execve: 59, Umask: 95, Unlinkat: 263, Setns: 308, Seccomp: 317, Chroot: 161, Fchownat: 260, Personality: 135, Faccessat: 269, Fchmodat: 268);

    public static readonly SyscallTable Arm64 = new(
        Read: 63, Write: 64, Close: 57, Ioctl: 29, Socket: 198, Dup3: 24, Openat: 56, Mkdirat: 34, Mknodat: 33,
        Symlinkat: 36, Mount: 40, Umount2: 39, PivotRoot: 41, Chdir: 49, Unshare: 97, Sethostname: 161,
        Setgroups: 159, Setresgid: 149, Setresuid: 147, Capset: 91, Prctl: 167, Prlimit64: 261, RtSigaction: 134,
        RtSigprocmask: 135, CloseRange: 436, Execve: 221, Umask: 166, Unlinkat: 35, Setns: 268, Seccomp: 277, Chroot: 51, Fchownat: 54, Personality: 92, Faccessat: 48, Fchmodat: 53);

    public static SyscallTable Current { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => X64,
        Architecture.Arm64 => Arm64,
        var other => throw new PlatformNotSupportedException($"containerps-shim has no system call table for {other}"),
    };
}
