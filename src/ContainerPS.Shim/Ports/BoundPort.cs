using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Ports;

/// <summary>
/// The host side of a published port: the socket bound (and, for TCP, listening) before the container starts, so a
/// port in use fails the create, and the port as bound (an ephemeral host port resolved) for state.json.
/// </summary>
internal sealed class BoundPort : IDisposable
{
    private int _fd;

    public BoundPort(PortSpec spec)
    {
        _fd = PortSocket.Listen(spec);
        try { Published = PortSocket.Published(spec, _fd); }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Fd => _fd;

    public PublishedPort Published { get; }

    public void Dispose()
    {
        if (_fd >= 0) Sys.Close(_fd);
        _fd = -1;
    }
}
