using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Supervision;

/// <summary>Reaps the container's init through its pidfd and gives its exit code as a shell reports it.</summary>
internal static unsafe class ExitStatus
{
    /// <summary>The status, or 128 + the signal that killed it.</summary>
    public static int Reap(int pidfd)
    {
        SigInfo info = default;
        while (Sys.Waitid(Linux.P_PIDFD, pidfd, &info, Linux.WEXITED) != 0)
        {
            if (Sys.LastError != Linux.EINTR) throw new ShimException(ExitCodes.Failure, $"waitid: {Errno.Describe(Sys.LastError)}");
        }
        return info.Code == Linux.CLD_EXITED ? info.Status : 128 + info.Status;
    }

    /// <summary>
    /// The exit code of a child, or null when the process is not this one's child (create --pid-file: CLONE_PARENT
    /// made it the caller's, and the caller's reaper collects the status, as with runc).
    /// </summary>
    public static int? TryReap(int pidfd)
    {
        SigInfo info = default;
        while (Sys.Waitid(Linux.P_PIDFD, pidfd, &info, Linux.WEXITED) != 0)
        {
            if (Sys.LastError == Linux.ECHILD) return null;
            if (Sys.LastError != Linux.EINTR) throw new ShimException(ExitCodes.Failure, $"waitid: {Errno.Describe(Sys.LastError)}");
        }
        return info.Code == Linux.CLD_EXITED ? info.Status : 128 + info.Status;
    }

    /// <summary>As child subreaper the supervisor inherits orphans of a container without a pid namespace: reap them.</summary>
    public static void ReapOrphans()
    {
        SigInfo info = default;
        while (Sys.Waitid(Linux.P_ALL, 0, &info, Linux.WEXITED | Linux.WNOHANG) == 0 && info.Pid != 0) info = default;
    }
}
