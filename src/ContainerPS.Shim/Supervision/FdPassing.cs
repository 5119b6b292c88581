using ContainerPS.Shim.Native;
using ContainerPS.Shim.Terminal;

namespace ContainerPS.Shim.Supervision;

/// <summary>Passes one fd over a unix socket with SCM_RIGHTS (unix(7), cmsg(3)) and one byte of payload.</summary>
internal static unsafe class FdPassing
{
    /// <summary>Sends <paramref name="fd"/>; false when the peer has gone (EPIPE, ECONNRESET).</summary>
    public static bool Send(int socket, int fd)
    {
        byte payload = 0;
        var iov = new IoVec { Base = &payload, Length = 1 };
        var control = new FdControlMessage
        {
            Length = FdControlMessage.DataLength, Level = TerminalCalls.SOL_SOCKET, Type = TerminalCalls.SCM_RIGHTS, Fd = fd,
        };
        var message = new MsgHdr { Iov = &iov, IovLength = 1, Control = &control, ControlLength = (nuint)sizeof(FdControlMessage) };
        nint sent;
        do sent = TerminalCalls.Sendmsg(socket, &message, TerminalCalls.MSG_NOSIGNAL);
        while (sent < 0 && Sys.LastError == Linux.EINTR);
        return sent == 1;
    }

    /// <summary>Receives one fd (CLOEXEC); null at EOF or when the message carried none.</summary>
    public static int? Receive(int socket)
    {
        byte payload;
        var iov = new IoVec { Base = &payload, Length = 1 };
        var control = new FdControlMessage();
        var message = new MsgHdr { Iov = &iov, IovLength = 1, Control = &control, ControlLength = (nuint)sizeof(FdControlMessage) };
        nint received;
        do received = TerminalCalls.Recvmsg(socket, &message, TerminalCalls.MSG_CMSG_CLOEXEC);
        while (received < 0 && Sys.LastError == Linux.EINTR);
        if (received < 0) throw new ShimException(ExitCodes.Failure, $"recvmsg: {Errno.Describe(Sys.LastError)}");
        bool hasFd = message.ControlLength >= FdControlMessage.DataLength
            && control.Level == TerminalCalls.SOL_SOCKET && control.Type == TerminalCalls.SCM_RIGHTS;
        return received == 1 && hasFd ? control.Fd : null;
    }
}
