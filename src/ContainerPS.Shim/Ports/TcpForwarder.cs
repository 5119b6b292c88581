using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Ports;

/// <summary>
/// A published TCP port: the listening socket, bound before the container exists, and the connections it has
/// accepted. Each accepted client gets its own connection to the target (as docker-proxy).
/// </summary>
internal sealed unsafe class TcpForwarder : IPortForwarder, IPollParticipant
{
    /// <summary>Beyond this many open connections new clients wait in the listen backlog: the supervisor stays small.</summary>
    private const int MaxConnections = 512;

    /// <summary>How long accepting pauses after accept(2) fails for lack of resources (EMFILE, ENOBUFS), so the loop never spins.</summary>
    private const long PauseMilliseconds = 1000;

    private readonly PortSpec _spec;
    private readonly List<TcpConnection> _connections = [];
    private readonly BoundPort _port;
    private long _pausedUntil;

    public TcpForwarder(PortSpec spec)
    {
        _spec = spec;
        _port = new BoundPort(spec);
    }

    public PublishedPort Published => _port.Published;

    public int ListeningFd => _port.Fd;

    public void AddTo(PollList list, long now)
    {
        if (_connections.Count < MaxConnections && now >= _pausedUntil) list.Add(_port.Fd, Linux.POLLIN, this, 0);
        foreach (var connection in _connections) connection.AddTo(list);
    }

    public void OnReady(int tag, short revents)
    {
        while (_connections.Count < MaxConnections)
        {
            int client = SocketCalls.Accept4(_port.Fd, null, null, SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC);
            if (client < 0)
            {
                int errno = SocketCalls.LastError;
                if (errno is SocketCalls.EINTR or SocketCalls.ECONNABORTED) continue;
                if (errno != SocketCalls.EAGAIN) _pausedUntil = Environment.TickCount64 + PauseMilliseconds;
                return;
            }
            int target = PortSocket.Connect(udp: false, _spec.Target);
            if (target < 0) Sys.Close(client);
            else _connections.Add(new TcpConnection(client, target));
        }
    }

    public long Sweep(long now)
    {
        _connections.RemoveAll(connection =>
        {
            if (!connection.Ended) return false;
            connection.Dispose();
            return true;
        });
        return _pausedUntil > now ? _pausedUntil : long.MaxValue;
    }

    public void Dispose()
    {
        foreach (var connection in _connections) connection.Dispose();
        _connections.Clear();
        _port.Dispose();
    }
}
