using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Ports;

/// <summary>
/// A published UDP port: the bound socket and a <see cref="UdpFlow"/> per client address, closed after
/// <see cref="IdleMilliseconds"/> without traffic (UDP has no close; docker-proxy keeps its flows 90 s too).
/// </summary>
internal sealed unsafe class UdpForwarder : IPortForwarder, IPollParticipant
{
    private const long IdleMilliseconds = 90_000;

    /// <summary>Beyond this many clients at once new clients' datagrams are dropped: the supervisor stays small.</summary>
    private const int MaxFlows = 1024;

    /// <summary>The largest UDP payload over IPv4.</summary>
    private const int MaxDatagram = 65_507;

    private readonly PortSpec _spec;
    private readonly Dictionary<ulong, UdpFlow> _flows = [];
    private readonly byte[] _buffer = new byte[MaxDatagram];
    private readonly BoundPort _port;

    public UdpForwarder(PortSpec spec)
    {
        _spec = spec;
        _port = new BoundPort(spec);
    }

    public PublishedPort Published => _port.Published;

    public int ListeningFd => _port.Fd;

    public void AddTo(PollList list, long now)
    {
        list.Add(_port.Fd, Linux.POLLIN, this, 0);
        foreach (var flow in _flows.Values) list.Add(flow.Fd, Linux.POLLIN, flow, 0);
    }

    /// <summary>Forwards every waiting datagram to its client's flow, opening the flow on a client's first one.</summary>
    public void OnReady(int tag, short revents)
    {
        fixed (byte* data = _buffer)
        {
            while (true)
            {
                SockAddrIn client;
                int length = SockAddrIn.Size;
                nint read = SocketCalls.RecvFrom(_port.Fd, data, MaxDatagram, 0, &client, &length);
                if (read < 0 && SocketCalls.LastError == SocketCalls.EINTR) continue;
                if (read < 0) return;
                FlowOf(client)?.Send(data, (int)read);
            }
        }
    }

    private UdpFlow? FlowOf(SockAddrIn client)
    {
        if (_flows.TryGetValue(client.Key, out var flow)) return flow;
        if (_flows.Count >= MaxFlows) return null;
        int fd = PortSocket.Connect(udp: true, _spec.Target);
        if (fd < 0) return null;
        return _flows[client.Key] = new UdpFlow(_port.Fd, client, fd, _buffer);
    }

    public long Sweep(long now)
    {
        long next = long.MaxValue;
        foreach (var (key, flow) in _flows)
        {
            long expires = flow.LastActive + IdleMilliseconds;
            if (expires > now)
            {
                next = Math.Min(next, expires);
                continue;
            }
            flow.Dispose();
            _flows.Remove(key);
        }
        return next;
    }

    public void Dispose()
    {
        foreach (var flow in _flows.Values) flow.Dispose();
        _flows.Clear();
        _port.Dispose();
    }
}
