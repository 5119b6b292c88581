using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// bpf(2) through syscall(2) (glibc has no wrapper): loading a cgroup device program and attaching it to a cgroup v2
/// directory. The attr layouts are union bpf_attr's (include/uapi/linux/bpf.h); unused bytes must be zero.
/// </summary>
internal static unsafe partial class Bpf
{
    private const long SysBpfX64 = 321, SysBpfArm64 = 280;
    private const int CmdProgLoad = 5, CmdProgAttach = 8;
    private const int ProgTypeCgroupDevice = 15;
    private const int AttachCgroupDevice = 6;

    /// <summary>Other programs attached above or below still run: every one must allow (BPF_F_ALLOW_MULTI).</summary>
    private const int AllowMulti = 2;

    private const int AttrSize = 128; // large enough for the fields used; the kernel checks the tail is zero
    private const int LogSize = 64 * 1024;

    /// <summary>Loads <paramref name="instructions"/> as a device program; returns its fd. The verifier's log is in the error.</summary>
    public static int LoadDeviceProgram(ulong[] instructions)
    {
        byte[] license = "Apache-2.0\0"u8.ToArray();
        var log = new byte[LogSize];
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        fixed (ulong* insns = instructions)
        fixed (byte* licensePointer = license)
        fixed (byte* logPointer = log)
        {
            *(uint*)(attr + 0) = ProgTypeCgroupDevice;   // prog_type
            *(uint*)(attr + 4) = (uint)instructions.Length; // insn_cnt
            *(ulong*)(attr + 8) = (ulong)insns;          // insns
            *(ulong*)(attr + 16) = (ulong)licensePointer; // license
            *(uint*)(attr + 24) = 1;                      // log_level
            *(uint*)(attr + 28) = LogSize;                // log_size
            *(ulong*)(attr + 32) = (ulong)logPointer;    // log_buf
            *(uint*)(attr + 68) = AttachCgroupDevice;     // expected_attach_type (after kern_version, prog_flags, prog_name[16], prog_ifindex)
            long fd = syscall(SysBpf, CmdProgLoad, (long)attr, AttrSize);
            if (fd < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                string verifier = Encoding.UTF8.GetString(log).TrimEnd('\0').Trim();
                throw new CgroupException(CgroupErrorIds.WriteFailed,
                    $"Loading the device filter (bpf BPF_PROG_LOAD) failed: errno {errno}. {verifier}", "bpf", errno);
            }

            return (int)fd;
        }
    }

    /// <summary>Attaches the program to the cgroup directory open as <paramref name="cgroupFd"/>.</summary>
    public static void AttachDeviceProgram(int cgroupFd, int programFd, string directory)
    {
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        *(uint*)(attr + 0) = (uint)cgroupFd;   // target_fd
        *(uint*)(attr + 4) = (uint)programFd;  // attach_bpf_fd
        *(uint*)(attr + 8) = AttachCgroupDevice; // attach_type
        *(uint*)(attr + 12) = AllowMulti;      // attach_flags
        if (syscall(SysBpf, CmdProgAttach, (long)attr, AttrSize) < 0)
        {
            throw CgroupException.FromErrno(CgroupErrorIds.WriteFailed, "attach the device filter (bpf BPF_PROG_ATTACH) to", directory, Marshal.GetLastPInvokeError());
        }
    }

    private static long SysBpf => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => SysBpfX64,
        Architecture.Arm64 => SysBpfArm64,
        var other => throw new CgroupException(CgroupErrorIds.NotMounted, $"No bpf(2) number known for {other}."),
    };

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial long syscall(long number, long command, long attr, long size);
}
