using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Ports;

/// <summary>Opening the proxy's sockets: all non-blocking and close-on-exec.</summary>
internal static unsafe class PortSocket
{
    private const int Backlog = 128;

    /// <summary>
    /// Binds the host side of <paramref name="spec"/> (and listens, for TCP). SO_REUSEADDR as docker-proxy: a port
    /// whose last connections linger in TIME_WAIT can be published again, while a port someone listens on cannot.
    /// EADDRINUSE is <see cref="ExitCodes.PortInUse"/>.
    /// </summary>
    public static int Listen(PortSpec spec)
    {
        int fd = Open(spec.Udp);
        int one = 1;
        var host = spec.Host;
        if (SocketCalls.SetSockOpt(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_REUSEADDR, &one, sizeof(int)) != 0
            || SocketCalls.Bind(fd, &host, SockAddrIn.Size) != 0
            || (!spec.Udp && SocketCalls.Listen(fd, Backlog) != 0))
        {
            int errno = SocketCalls.LastError;
            Sys.Close(fd);
            throw errno == SocketCalls.EADDRINUSE
                ? new ShimException(ExitCodes.PortInUse, $"port {spec.Host}/{spec.Protocol} is already in use")
                : new ShimException(ExitCodes.Failure, $"cannot bind port {spec.Host}/{spec.Protocol}: {Errno.Describe(errno)}");
        }
        return fd;
    }

    /// <summary>The port the kernel gave the socket (getsockname(2)): the ephemeral one when 0 was asked for.</summary>
    public static int BoundPort(int fd)
    {
        SockAddrIn address;
        int length = SockAddrIn.Size;
        if (SocketCalls.GetSockName(fd, &address, &length) != 0)
            throw new ShimException(ExitCodes.Failure, $"getsockname: {Errno.Describe(SocketCalls.LastError)}");
        return address.Port;
    }

    /// <summary>What state.json records for a bound port.</summary>
    public static PublishedPort Published(PortSpec spec, int fd) => new()
    {
        Protocol = spec.Protocol, HostIp = spec.Host.Address.ToString(), HostPort = BoundPort(fd),
        TargetIp = spec.Target.Address.ToString(), TargetPort = spec.Target.Port,
    };

    /// <summary>A socket connecting to <paramref name="target"/>: connected, or in progress (wait for POLLOUT); -1 when it failed at once.</summary>
    public static int Connect(bool udp, SockAddrIn target)
    {
        int fd = SocketCalls.Socket(SocketCalls.AF_INET, (udp ? SocketCalls.SOCK_DGRAM : SocketCalls.SOCK_STREAM) | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC, 0);
        if (fd < 0) return -1;
        if (SocketCalls.Connect(fd, &target, SockAddrIn.Size) == 0 || SocketCalls.LastError == SocketCalls.EINPROGRESS) return fd;
        Sys.Close(fd);
        return -1;
    }

    /// <summary>SO_ERROR: 0 once a non-blocking connect has succeeded, else why it failed (connect(2), EINPROGRESS).</summary>
    public static int PendingError(int fd)
    {
        int error = 0, length = sizeof(int);
        return SocketCalls.GetSockOpt(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_ERROR, &error, &length) == 0 ? error : SocketCalls.LastError;
    }

    private static int Open(bool udp)
    {
        int fd = SocketCalls.Socket(SocketCalls.AF_INET, (udp ? SocketCalls.SOCK_DGRAM : SocketCalls.SOCK_STREAM) | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC, 0);
        if (fd < 0) throw new ShimException(ExitCodes.Failure, $"socket: {Errno.Describe(SocketCalls.LastError)}");
        return fd;
    }
}
