using ContainerPS.Shim.Child;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Exec;

/// <summary>
/// The exec'd process's fds 0, 1 and 2, as the child sees them right after the clone. Without a terminal the
/// process shares the shim's own (`runc exec` without --tty). With one (<see cref="WithTerminal"/>) the child opens a
/// pty in the container after its setns (Child/TerminalSteps), makes the slave its 0-2 and sends the master back
/// over <see cref="Channel"/>; the shim proxies it (Commands/ExecCommand).
/// </summary>
internal sealed class ExecStdio : IDisposable
{
    private int _socket;

    private ExecStdio(int?[] child, IReadOnlyList<int> childOnly, IReadOnlyList<int> shimOnly, PtyChannel? channel)
    {
        Child = child;
        ChildOnly = childOnly;
        ShimOnly = shimOnly;
        Channel = channel;
        _socket = channel?.Socket ?? -1;
    }

    /// <summary>The fds to become 0, 1, 2 in the child, or null to keep the shim's.</summary>
    public int?[] Child { get; }

    /// <summary>fds the shim closes once the child has its copies.</summary>
    public IReadOnlyList<int> ChildOnly { get; }

    /// <summary>fds the child closes first (the shim's ends).</summary>
    public IReadOnlyList<int> ShimOnly { get; }

    /// <summary>With a terminal: the socket the child sends the pty master over; null without.</summary>
    public PtyChannel? Channel { get; }

    /// <summary>The process shares the shim's stdin, stdout and stderr.</summary>
    public static ExecStdio Inherit() => new([null, null, null], [], [], null);

    /// <summary>The process gets a pty of the container's; 0-2 are left to the terminal steps.</summary>
    public static ExecStdio WithTerminal()
    {
        var channel = PtyChannel.Open();
        return new ExecStdio([null, null, null], channel.ChildFds, [channel.Socket], channel);
    }

    /// <summary>After the clone: the child holds its own copies.</summary>
    public void CloseChildEnds()
    {
        foreach (int fd in ChildOnly) Native.Sys.Close(fd);
    }

    /// <summary>
    /// The pty master the child sent before its execve (the message waits in the socket; the child's end is closed by
    /// then, so a child that failed before sending gives EOF, not a hang).
    /// </summary>
    public int ReceiveMaster() => FdPassing.Receive(_socket)
        ?? throw new ShimException(ExitCodes.Failure, "the exec'd process's setup sent no pty master");

    public void Dispose() => Pipe.Close(ref _socket);
}
