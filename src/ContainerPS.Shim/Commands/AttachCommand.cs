using ContainerPS.Runtime.State;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Supervision;
using ContainerPS.Shim.Terminal;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `attach ID`: connects this process's terminal to the container's pty (docker attach). The supervisor hands over
/// the pty master through attach.sock; stdin goes to raw mode when it is a terminal, and the proxy runs until the
/// container's process exits (then the exit code is the container's) or ctrl-p ctrl-q detaches (exit 0).
/// `attach --start` attaches to a created container and then starts it, so not a byte of its output (a shell's
/// first prompt) goes to the log instead of the terminal (docker start -ai attaches before it starts, too).
/// </summary>
internal static class AttachCommand
{
    /// <summary>docker's default detach keys: ctrl-p, ctrl-q.</summary>
    private static readonly byte[] DetachKeys = [0x10, 0x11];

    /// <summary>How long to wait for the supervisor to record the end once the pty has closed.</summary>
    private static readonly TimeSpan EndWait = TimeSpan.FromSeconds(30);

    public static int Run(CommandLine line)
    {
        var directory = new StateDirectory(line.Root, line.Id);
        var state = LiveState.Read(directory);
        string expected = line.Start ? ContainerStatus.Created : ContainerStatus.Running;
        if (state.Status != expected) throw new ShimException(ExitCodes.WrongState, $"container '{directory.Id}' is {state.Status}, not {expected}");
        // The connection stays open while attached: the supervisor does not read the pty until it closes.
        int socket = Connect(directory);
        ProxyEnd end;
        try
        {
            int master = FdPassing.Receive(socket) ?? throw new ShimException(ExitCodes.WrongState, $"container '{directory.Id}' has closed its terminal");
            try
            {
                using var raw = TerminalMode.MakeRaw(0);
                if (line.Start) StartCommand.Run(line);
                end = new TerminalProxy(master, 0, 1) { DetachKeys = DetachKeys }.Run();
            }
            finally { Sys.Close(master); }
        }
        finally { Sys.Close(socket); }
        if (end == ProxyEnd.Detached) return ExitCodes.Success;
        using var watcher = new StateWatcher(directory);
        var ended = watcher.WaitFor(s => s.Status == ContainerStatus.Stopped, EndWait);
        return ended.ExitCode ?? ExitCodes.Failure;
    }

    private static int Connect(StateDirectory directory) => UnixSocket.Connect(TerminalHost.SocketPath(directory))
        ?? throw new ShimException(ExitCodes.WrongState, $"container '{directory.Id}' has no terminal (process.terminal is false)");
}
