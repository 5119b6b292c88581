using System.Runtime.InteropServices;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// pidfd_open(2) and pidfd_send_signal(2) through syscall(2): the glibc wrappers only exist since glibc 2.36. A pidfd
/// names one process for good, so a signal sent through it can never hit a process that reused the PID.
/// </summary>
internal static partial class PidFd
{
    // The same numbers on every Linux architecture (they were added after the syscall tables were unified).
    private const long SysPidfdSendSignal = 424;
    private const long SysPidfdOpen = 434;

    /// <summary>A pidfd, or -1 with errno set (ESRCH: the process is gone).</summary>
    public static int Open(int pid) => (int)syscall(SysPidfdOpen, pid, 0, 0, 0);

    /// <summary>0, or -1 with errno set (ESRCH: the process has exited).</summary>
    public static int SendSignal(int pidfd, int signal) => (int)syscall(SysPidfdSendSignal, pidfd, signal, 0, 0);

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial long syscall(long number, long arg1, long arg2, long arg3, long arg4);
}
