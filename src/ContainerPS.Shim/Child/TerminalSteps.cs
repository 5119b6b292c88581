using ContainerPS.Shim.Terminal;
using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// process.terminal (config.md, "Process"), for the container's process and for `exec --tty`: the child opens a pty from the container's own devpts (/dev/ptmx after
/// the pivot), sends the master to the supervisor (or the exec shim) over a socket with SCM_RIGHTS, makes the slave its stdin, stdout
/// and stderr, and makes it the controlling terminal of a new session, so the shell has job control and Ctrl+C
/// (0x03 on the master) becomes SIGINT for the foreground process group (termios(3), ISIG).
/// Why the container's devpts and not the host's /dev/ptmx: the slave must be a /dev/pts/N that exists inside the
/// container, or ttyname(3) (`tty`, ssh, sudo) cannot find it (runc does the same with its console socket).
/// </summary>
internal static class TerminalSteps
{
    private const int MasterSlot = 1, SlaveSlot = 2;

    /// <summary>The steps, when there is a terminal; they run in the container's mount namespace (after the pivot, or an exec's setns).</summary>
    public static unsafe void Add(StepList steps, ChildTerminal? terminal)
    {
        if (terminal is null) return;
        var calls = steps.Calls;
        steps.Add("open-ptmx", calls.Openat, AT_FDCWD, steps.Str("/dev/ptmx"), O_RDWR | O_NOCTTY | O_CLOEXEC, 0).SaveResult(MasterSlot);
        long unlock = (long)steps.Arena.Allocate(sizeof(int)); // int 0: unlocked
        steps.Add("unlock-pty", calls.Ioctl, 0, (long)TerminalCalls.TIOCSPTLCK, unlock).LoadArgument(0, MasterSlot);
        steps.Add("open-pty-slave", calls.Ioctl, 0, (long)TerminalCalls.TIOCGPTPEER, O_RDWR | O_NOCTTY).LoadArgument(0, MasterSlot).SaveResult(SlaveSlot);
        // SCM_RIGHTS needs the fd number in memory prepared now: the master moves onto the fd the supervisor reserved.
        steps.Add("move-pty-master", calls.Dup3, 0, terminal.ReservedFd, O_CLOEXEC).LoadArgument(0, MasterSlot);
        steps.Add("send-pty-master", TerminalSyscalls.Current.Sendmsg, terminal.SocketFd, MasterMessage(steps, terminal.ReservedFd), 0)
            .RequirePositiveResult();
        steps.Add("close-pty-master", calls.Close, 0).LoadArgument(0, MasterSlot);
        steps.Add("close-pty-master-copy", calls.Close, terminal.ReservedFd);
        for (int target = 0; target < 3; target++) steps.Add($"pty-stdio-{target}", calls.Dup3, 0, target, 0).LoadArgument(0, SlaveSlot);
        steps.Add("close-pty-slave", calls.Close, 0).LoadArgument(0, SlaveSlot);
        steps.Add("setsid", TerminalSyscalls.Current.Setsid);
        steps.Add("set-controlling-terminal", calls.Ioctl, 0, (long)TerminalCalls.TIOCSCTTY, 0);
    }

    /// <summary>A struct msghdr with one byte of payload and an SCM_RIGHTS control message holding <paramref name="fd"/>.</summary>
    private static unsafe long MasterMessage(StepList steps, int fd)
    {
        byte* payload = steps.Arena.Allocate(1);
        var iov = (IoVec*)steps.Arena.Allocate(sizeof(IoVec));
        *iov = new IoVec { Base = payload, Length = 1 };
        var control = (FdControlMessage*)steps.Arena.Allocate(sizeof(FdControlMessage));
        *control = new FdControlMessage
        {
            Length = FdControlMessage.DataLength, Level = TerminalCalls.SOL_SOCKET, Type = TerminalCalls.SCM_RIGHTS, Fd = fd,
        };
        var message = (MsgHdr*)steps.Arena.Allocate(sizeof(MsgHdr));
        *message = new MsgHdr { Iov = iov, IovLength = 1, Control = control, ControlLength = (nuint)sizeof(FdControlMessage) };
        return (long)message;
    }
}
