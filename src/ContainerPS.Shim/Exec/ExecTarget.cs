using ContainerPS.Runtime.State;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Exec;

/// <summary>
/// The running container an exec joins: a pidfd of its init, opened for the pid and start time state.json recorded
/// (so a pid the kernel has given to another process is never joined), and its cgroup path.
/// </summary>
internal sealed class ExecTarget : IDisposable
{
    private ExecTarget(int initPid, int initPidfd, string cgroupPath, Seccomp.SeccompFilter? seccomp)
    {
        Seccomp = seccomp;
        InitPid = initPid;
        InitPidfd = initPidfd;
        CgroupPath = cgroupPath;
    }

    public int InitPid { get; }
    public int InitPidfd { get; private set; }
    public string CgroupPath { get; }

    /// <summary>The filter the init was created with (StateDirectory.SeccompFile), for every exec'd process too.</summary>
    public Seccomp.SeccompFilter? Seccomp { get; }

    /// <summary>NotFound (3) for an unknown id; WrongState (4) when the container is not running or its init is gone.</summary>
    public static ExecTarget Open(StateDirectory directory)
    {
        var state = LiveState.Read(directory);
        if (state.Status != ContainerStatus.Running) throw NotRunning(directory);
        string cgroupPath = directory.ReadCgroupPath() ?? throw new ShimException(ExitCodes.Failure, $"{directory.CgroupFile} is missing");
        int pidfd = ProcessIdentity.OpenPidfd(state.Pid, state.PidStartTime) ?? throw NotRunning(directory);
        return new ExecTarget(state.Pid, pidfd, cgroupPath, directory.ReadSeccompFilter());
    }

    private static ShimException NotRunning(StateDirectory directory) =>
        ShimException.NotRunning(directory.Id);

    public void Dispose()
    {
        if (InitPidfd >= 0) Sys.Close(InitPidfd);
        InitPidfd = -1;
    }
}
