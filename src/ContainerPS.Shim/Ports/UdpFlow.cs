using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Ports;

/// <summary>
/// One UDP client of a published port: a socket connected to the target (so the target's replies come back on it
/// and only from it), whose replies go back to the client from the published port. Datagrams that cannot be
/// sent are dropped, as UDP may (udp(7)); an ICMP error from the target surfaces as a failed recv and is dropped too.
/// </summary>
internal sealed unsafe class UdpFlow(int listeningFd, SockAddrIn client, int fd, byte[] buffer) : IPollParticipant, IDisposable
{
    private bool _disposed;

    public int Fd => fd;

    /// <summary>Environment.TickCount64 of the last datagram either way.</summary>
    public long LastActive { get; private set; } = Environment.TickCount64;

    public void Send(byte* datagram, int length)
    {
        SocketCalls.Send(fd, datagram, (nuint)length, SocketCalls.MSG_NOSIGNAL);
        LastActive = Environment.TickCount64;
    }

    /// <summary>Relays the target's replies until none is left (EAGAIN) or one failed.</summary>
    public void OnReady(int tag, short revents)
    {
        var to = client;
        fixed (byte* data = buffer)
        {
            while (true)
            {
                nint read = SocketCalls.Recv(fd, data, (nuint)buffer.Length, 0);
                if (read < 0 && SocketCalls.LastError == SocketCalls.EINTR) continue;
                if (read < 0) return;
                SocketCalls.SendTo(listeningFd, data, (nuint)read, SocketCalls.MSG_NOSIGNAL, &to, SockAddrIn.Size);
                LastActive = Environment.TickCount64;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Sys.Close(fd);
    }
}
