using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Ports;

/// <summary>
/// The container's published ports (docker run -p), proxied as docker-proxy does: every host port is bound by
/// <see cref="Bind"/> before the container is created, so a port in use fails the create and nothing is left
/// behind; <see cref="Start"/> forwards on one thread of its own with a single poll(2) loop (no thread per
/// connection: the supervisor stays small), and <see cref="Dispose"/> stops it and closes every socket.
/// </summary>
internal sealed class PortProxy : IPollParticipant, IDisposable
{
    private const int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    private const int StackSize = 256 * 1024;
    private readonly List<IPortForwarder> _forwarders;
    private Thread? _thread;
    private int _wake = -1;
    private volatile bool _stopping;

    private PortProxy(List<IPortForwarder> forwarders) => _forwarders = forwarders;

    /// <summary>Binds every port or none: a failure closes the ones bound already and throws (<see cref="ExitCodes.PortInUse"/> for EADDRINUSE).</summary>
    public static PortProxy Bind(IReadOnlyList<PortSpec> ports)
    {
        var forwarders = new List<IPortForwarder>();
        try
        {
            foreach (var port in ports) forwarders.Add(port.Udp ? new UdpForwarder(port) : new TcpForwarder(port));
        }
        catch
        {
            foreach (var forwarder in forwarders) forwarder.Dispose();
            throw;
        }
        return new PortProxy(forwarders);
    }

    /// <summary>The ports as bound, for state.json; null when nothing is published.</summary>
    public IReadOnlyList<PublishedPort>? Published => _forwarders.Count == 0 ? null : _forwarders.Select(f => f.Published).ToList();

    /// <summary>The listening sockets, which the container's child closes first.</summary>
    public IEnumerable<int> ListeningFds => _forwarders.Select(f => f.ListeningFd);

    public void Start()
    {
        if (_forwarders.Count == 0 || _thread is not null) return;
        _wake = SocketCalls.EventFd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (_wake < 0) throw new ShimException(ExitCodes.Failure, $"eventfd: {Errno.Describe(Sys.LastError)}");
        _thread = new Thread(Run, StackSize) { IsBackground = true, Name = "port-proxy" };
        _thread.Start();
    }

    private void Run()
    {
        try
        {
            var list = new PollList();
            long next = long.MaxValue;
            while (!_stopping)
            {
                long now = Environment.TickCount64;
                list.Clear();
                list.Add(_wake, Linux.POLLIN, this, 0);
                foreach (var forwarder in _forwarders) forwarder.AddTo(list, now);
                list.Wait(next == long.MaxValue ? -1 : (int)Math.Clamp(next - now, 0, int.MaxValue));
                now = Environment.TickCount64;
                next = long.MaxValue;
                foreach (var forwarder in _forwarders) next = Math.Min(next, forwarder.Sweep(now));
            }
        }
        catch (Exception)
        {
            // poll itself failed (or a bug): the proxy stops, its sockets stay open until Dispose closes them, and
            // the container and its supervisor go on; an exception escaping a thread would end the supervisor.
        }
    }

    /// <summary>The wake-up eventfd: <see cref="Dispose"/> wants the loop to end.</summary>
    public void OnReady(int tag, short revents) => _stopping = true;

    /// <summary>Stops the loop (if it runs) and closes every socket: published ports close when the container ends.</summary>
    public unsafe void Dispose()
    {
        if (_thread is not null)
        {
            _stopping = true;
            ulong one = 1;
            Sys.Write(_wake, (byte*)&one, sizeof(ulong));
            _thread.Join();
            _thread = null;
        }
        if (_wake >= 0) Sys.Close(_wake);
        _wake = -1;
        foreach (var forwarder in _forwarders) forwarder.Dispose();
    }
}
