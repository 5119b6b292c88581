using ContainerPS.Runtime.State;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `delete [--force] ID`: removes a stopped (or created) container's cgroup and state directory. A running one
/// needs --force, which SIGKILLs it and waits for its supervisor to record the end first.
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
        if (state.Status is (ContainerStatus.Running or PausedMarker.Paused) && !line.Force)
        {
            throw new ShimException(ExitCodes.WrongState, $"container '{directory.Id}' is running; stop it or use --force");
        }
        if (state.Status != ContainerStatus.Stopped)
        {
            using var watcher = new StateWatcher(directory);
            KillCommand.Signal(state, Native.Linux.SIGKILL);
            if (state.Status == PausedMarker.Paused) KillCommand.ThawAfterKill(directory);
            watcher.WaitFor(s => s.Status == ContainerStatus.Stopped, TimeSpan.FromSeconds(30));
        }
        if (directory.ReadCgroupPath() is { Length: > 0 } cgroupPath) new CgroupsAdapter().Destroy(cgroupPath);
        var hooks = Hooks.SavedHooks.Read(directory);
        directory.Delete();
        Hooks.SavedHooks.RunPoststop(hooks, state);
        return ExitCodes.Success;
    }
}
