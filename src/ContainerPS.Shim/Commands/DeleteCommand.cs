using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.State;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `delete [--force] ID`: removes a stopped (or created) container's cgroup and state directory. A running one
/// needs --force, which SIGKILLs it and waits for its end first (recorded by its monitor, or its pidfd).
/// </summary>
internal static class DeleteCommand
{
    public static int Run(CommandLine line)
    {
        var directory = new StateDirectory(line.Root, line.Id);
        // runc-delete(8) --force of a container that does not exist (or whose state was never written: an aborted
        // create) removes what is left and succeeds, so a caller's cleanup needs no special case.
        if (line.Force && !directory.TryRead(out _))
        {
            directory.Delete();
            return ExitCodes.Success;
        }
        var state = LiveState.Read(directory);
        if (state.Status is (ContainerStatus.Running or ContainerStatus.Paused) && !line.Force)
        {
            throw new ShimException(ExitCodes.WrongState, $"container '{directory.Id}' is running; stop it or use --force");
        }
        if (state.Status != ContainerStatus.Stopped)
        {
            if (LiveState.SupervisorAlive(state)) KillMonitored(directory, state);
            else KillUnmonitored(directory, state);
        }
        if (directory.ReadCgroupPath() is { Length: > 0 } cgroupPath) new CgroupsAdapter().Destroy(cgroupPath);
        var hooks = Hooks.SavedHooks.Read(directory);
        directory.Delete();
        Hooks.SavedHooks.RunPoststop(hooks, state);
        return ExitCodes.Success;
    }

    /// <summary>The monitor records the end: wait for its "stopped".</summary>
    private static void KillMonitored(StateDirectory directory, ContainerState state)
    {
        using var watcher = new StateWatcher(directory);
        KillCommand.Signal(state, Linux.SIGKILL);
        if (state.Status == ContainerStatus.Paused) KillCommand.ThawAfterKill(directory);
        watcher.WaitFor(s => s.Status == ContainerStatus.Stopped, TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// No monitor (docs/runtime-contract.md "Runtime and monitor"): the init is someone else's child, so its end is
    /// its pidfd turning readable (exited, reaped or not), as runc's delete waits for the process.
    /// </summary>
    private static unsafe void KillUnmonitored(StateDirectory directory, ContainerState state)
    {
        if (ProcessIdentity.OpenPidfd(state.Pid, state.PidStartTime) is not int pidfd) return;
        try
        {
            Sys.PidfdSendSignal(pidfd, Linux.SIGKILL, null, 0);
            if (state.Status == ContainerStatus.Paused) KillCommand.ThawAfterKill(directory);
            var fd = new PollFd { Fd = pidfd, Events = Linux.POLLIN };
            while (Sys.Poll(&fd, 1, 30_000) < 0 && Sys.LastError == Linux.EINTR) { }
        }
        finally { Sys.Close(pidfd); }
    }
}
