using ContainerPS.Shim.Child;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.Terminal;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// How a child hands its pty master back (Child/TerminalSteps): a socket pair, this process's end to receive on,
/// and an fd number held open only so the child can dup3 the master onto a number known before the clone (the
/// SCM_RIGHTS message is prepared in memory in advance). Used by the supervisor (process.terminal) and by `exec --tty`.
/// </summary>
internal sealed record PtyChannel(int Socket, ChildTerminal Child)
{
    /// <summary>A new pair and reserved fd, all CLOEXEC; the caller closes <see cref="ChildFds"/> after the clone.</summary>
    public static unsafe PtyChannel Open()
    {
        int* pair = stackalloc int[2];
        if (TerminalCalls.Socketpair(TerminalCalls.AF_UNIX, TerminalCalls.SOCK_STREAM | TerminalCalls.SOCK_CLOEXEC, 0, pair) != 0)
        {
            throw new ShimException(ExitCodes.Failure, $"socketpair: {Errno.Describe(Sys.LastError)}");
        }
        int reserved = Sys.Open("/dev/null", Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        if (reserved < 0)
        {
            int errno = Sys.LastError;
            Sys.Close(pair[0]);
            Sys.Close(pair[1]);
            throw new ShimException(ExitCodes.Failure, $"open /dev/null: {Errno.Describe(errno)}");
        }
        return new PtyChannel(pair[0], new ChildTerminal(pair[1], reserved));
    }

    /// <summary>The fds only the child needs: its socket end and the reserved number.</summary>
    public IReadOnlyList<int> ChildFds => [Child.SocketFd, Child.ReservedFd];
}
