using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Ports;

/// <summary>
/// The libc socket calls of the port proxy (socket(7), ip(7), tcp(7), udp(7)). Raw calls rather than
/// System.Net.Sockets: the supervisor stays small (no socket engine threads), and every socket is non-blocking and
/// close-on-exec from birth so none can leak into the container. Failing calls return -1 with errno in
/// Marshal.GetLastPInvokeError().
/// </summary>
internal static unsafe partial class SocketCalls
{
    private const string LibC = "libc";

    public const int AF_INET = 2;
    public const int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_ERROR = 4;
    public const int SHUT_WR = 1;
    public const int MSG_NOSIGNAL = 0x4000;
    public const short POLLOUT = 0x4;
    public const int EAGAIN = 11, EINTR = 4, EINPROGRESS = 115, EADDRINUSE = 98, ECONNABORTED = 103;

    [LibraryImport(LibC, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(LibC, EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, SockAddrIn* address, int length);

    [LibraryImport(LibC, EntryPoint = "listen", SetLastError = true)]
    public static partial int Listen(int fd, int backlog);

    [LibraryImport(LibC, EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept4(int fd, SockAddrIn* address, int* length, int flags);

    [LibraryImport(LibC, EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, SockAddrIn* address, int length);

    [LibraryImport(LibC, EntryPoint = "getsockname", SetLastError = true)]
    public static partial int GetSockName(int fd, SockAddrIn* address, int* length);

    [LibraryImport(LibC, EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(int fd, int level, int name, int* value, int* length);

    [LibraryImport(LibC, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, int* value, int length);

    [LibraryImport(LibC, EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    [LibraryImport(LibC, EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport(LibC, EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport(LibC, EntryPoint = "recvfrom", SetLastError = true)]
    public static partial nint RecvFrom(int fd, byte* buffer, nuint length, int flags, SockAddrIn* address, int* addressLength);

    [LibraryImport(LibC, EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int fd, byte* buffer, nuint length, int flags, SockAddrIn* address, int addressLength);

    [LibraryImport(LibC, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    public static int LastError => Marshal.GetLastPInvokeError();
}
