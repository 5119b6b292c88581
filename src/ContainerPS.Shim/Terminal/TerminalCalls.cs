using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Terminal;

/// <summary>
/// The libc calls for terminals and unix sockets (termios(3), ioctl_tty(2), unix(7)). Failing calls return -1 and
/// leave errno in <see cref="Native.Sys.LastError"/>.
/// </summary>
internal static unsafe partial class TerminalCalls
{
    private const string LibC = "libc";

    // ioctl_tty(2) request numbers: the same on x86-64 and arm64 (asm-generic/ioctls.h).
    public const ulong TIOCSCTTY = 0x540E, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;
    public const ulong TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431, TIOCGPTPEER = 0x5441;
    public const int TCSANOW = 0, TCSAFLUSH = 2;

    public const int AF_UNIX = 1, SOCK_STREAM = 1, SOL_SOCKET = 1, SCM_RIGHTS = 1;
    public const int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000, MSG_CMSG_CLOEXEC = 0x40000000, MSG_NOSIGNAL = 0x4000;

    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, ulong request, void* argument);

    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, ulong request, nint argument);

    public const int F_GETFL = 3, F_SETFL = 4;

    [LibraryImport(LibC, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(LibC, EntryPoint = "isatty")]
    public static partial int Isatty(int fd);

    [LibraryImport(LibC, EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int Tcgetattr(int fd, Termios* termios);

    [LibraryImport(LibC, EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int Tcsetattr(int fd, int when, Termios* termios);

    [LibraryImport(LibC, EntryPoint = "cfmakeraw")]
    public static partial void Cfmakeraw(Termios* termios);

    [LibraryImport(LibC, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(LibC, EntryPoint = "socketpair", SetLastError = true)]
    public static partial int Socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport(LibC, EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, SockaddrUn* address, int length);

    [LibraryImport(LibC, EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, SockaddrUn* address, int length);

    [LibraryImport(LibC, EntryPoint = "listen", SetLastError = true)]
    public static partial int Listen(int fd, int backlog);

    [LibraryImport(LibC, EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept4(int fd, void* address, void* length, int flags);

    [LibraryImport(LibC, EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint Sendmsg(int fd, MsgHdr* message, int flags);

    [LibraryImport(LibC, EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint Recvmsg(int fd, MsgHdr* message, int flags);
}

/// <summary>struct termios, opaque here: cfmakeraw(3) edits it. glibc's is 60 bytes; 64 leaves room.</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
internal struct Termios
{
}

/// <summary>struct winsize (ioctl_tty(2), TIOCGWINSZ).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WindowSize
{
    public ushort Rows;
    public ushort Columns;
    public ushort XPixels;
    public ushort YPixels;
}

/// <summary>struct sockaddr_un (unix(7)): a family and up to 107 bytes of path with its NUL.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockaddrUn
{
    public ushort Family;
    public fixed byte Path[108];
}

/// <summary>struct msghdr (sendmsg(2)), 64-bit layout.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public int NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

/// <summary>A control message carrying one fd: struct cmsghdr then the int (CMSG_SPACE(sizeof(int)) = 24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FdControlMessage
{
    public nuint Length;
    public int Level;
    public int Type;
    public int Fd;
    private readonly int _padding;

    /// <summary>CMSG_LEN(sizeof(int)): the header and the int, without the trailing padding.</summary>
    public const int DataLength = 20;
}
