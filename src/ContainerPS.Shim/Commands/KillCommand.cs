using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.State;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `kill ID [SIGNAL]`: signals the container's init through a pidfd opened for the recorded pid and start time, so
/// a pid the kernel has given to another process is never signalled. `--all` (runc-kill(8)) signals every process in
/// the container's cgroup instead. A paused container is thawed after a SIGKILL, since frozen tasks die only then.
/// </summary>
internal static unsafe class KillCommand
{
    public static int Run(CommandLine line)
    {
        var directory = new StateDirectory(line.Root, line.Id);
        int signal = Signals.Parse(line.Arguments.Count > 1 ? line.Arguments[1] : "TERM");
        var state = LiveState.Read(directory);
        bool paused = state.Status == ContainerStatus.Paused;
        if (state.Status is not (ContainerStatus.Created or ContainerStatus.Running or ContainerStatus.Paused))
        {
            throw ShimException.NotRunning(directory.Id);
        }
        if (line.All) SignalAll(directory, signal);
        else if (!Signal(state, signal)) throw ShimException.NotRunning(directory.Id);
        if (paused && signal == Linux.SIGKILL) ThawAfterKill(directory);
        return ExitCodes.Success;
    }

    /// <summary>Every process in the cgroup; one that has exited meanwhile (ESRCH) is fine.</summary>
    private static void SignalAll(StateDirectory directory, int signal)
    {
        foreach (int pid in PauseCommand.OpenCgroup(directory).Processes())
        {
            if (Sys.Kill(pid, signal) != 0 && Sys.LastError != Linux.ESRCH)
                throw new ShimException(ExitCodes.Failure, $"kill {pid}: {Errno.Describe(Sys.LastError)}");
        }
    }

    public static void ThawAfterKill(StateDirectory directory)
    {
        PauseCommand.OpenCgroup(directory).Freezer.Thaw();
        PausedMarker.Clear(directory.Path);
    }

    /// <summary>False when the init has already exited.</summary>
    public static bool Signal(ContainerState state, int signal)
    {
        if (ProcessIdentity.OpenPidfd(state.Pid, state.PidStartTime) is not int pidfd) return false;
        try
        {
            if (Sys.PidfdSendSignal(pidfd, signal, null, 0) == 0) return true;
            int errno = Sys.LastError;
            if (errno == Linux.ESRCH) return false;
            throw new ShimException(ExitCodes.Failure, $"pidfd_send_signal: {Errno.Describe(errno)}");
        }
        finally { Sys.Close(pidfd); }
    }
}
