using ContainerPS.Runtime.State;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Exec;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `start`: asks the supervisor (start.fifo) to release the created container's child, then returns once the
/// supervisor has recorded the outcome: running, or stopped when execve failed (exit code 126 or 127, as docker run:
/// ExecExitCodes) or the process already exited. Without a monitor this process does both (UnmonitoredStart).
/// </summary>
internal static unsafe class StartCommand
{
    public static int Run(CommandLine line)
    {
        var directory = new StateDirectory(line.Root, line.Id);
        var state = LiveState.Read(directory);
        if (state.Status != ContainerStatus.Created) throw new ShimException(ExitCodes.WrongState, $"container '{directory.Id}' is {state.Status}, not created");
        var running = state.SupervisorPid == 0 ? UnmonitoredStart.Run(directory, state) : StartMonitored(directory);
        Hooks.SavedHooks.RunPoststart(directory, running);
        return ExitCodes.Success;
    }

    private static ContainerState StartMonitored(StateDirectory directory)
    {
        using var watcher = new StateWatcher(directory);
        int fifo = Sys.Open(directory.StartFifo, Linux.O_WRONLY | Linux.O_NONBLOCK | Linux.O_CLOEXEC, 0);
        if (fifo < 0) throw new ShimException(ExitCodes.WrongState, $"container '{directory.Id}' cannot be started: {Errno.Describe(Sys.LastError)}");
        byte one = 1;
        Sys.Write(fifo, &one, 1);
        Sys.Close(fifo);
        var state = watcher.WaitFor(s => s.Status != ContainerStatus.Created, TimeSpan.FromSeconds(30));
        if (state.Status == ContainerStatus.Created) throw new ShimException(ExitCodes.Failure, $"container '{directory.Id}' did not start");
        if (state.Error is { } error && state.Status == ContainerStatus.Stopped)
            throw new ShimException(state.ExitCode is int code && ExecExitCodes.IsExecFailure(code) ? code : ExitCodes.Failure, error);
        return state;
    }
}
