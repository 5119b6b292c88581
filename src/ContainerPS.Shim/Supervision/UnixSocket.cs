using System.Runtime.InteropServices;
using System.Text;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.Terminal;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// Stream unix sockets at a path. The path is reached through /proc/self/fd/N of its directory: a state directory's
/// full path can be longer than sun_path's 108 bytes (unix(7)).
/// </summary>
internal static unsafe class UnixSocket
{
    /// <summary>A listening socket (non-blocking, CLOEXEC) at <paramref name="path"/>, mode 0600.</summary>
    public static int Listen(string path)
    {
        int fd = TerminalCalls.Socket(TerminalCalls.AF_UNIX, TerminalCalls.SOCK_STREAM | TerminalCalls.SOCK_CLOEXEC | TerminalCalls.SOCK_NONBLOCK, 0);
        if (fd < 0) throw Failure("socket", path);
        try
        {
            File.Delete(path);
            if (WithAddress(path, (address, length) => TerminalCalls.Bind(fd, address, length)) != 0) throw Failure("bind", path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (TerminalCalls.Listen(fd, 8) != 0) throw Failure("listen", path);
            return fd;
        }
        catch
        {
            Sys.Close(fd);
            throw;
        }
    }

    /// <summary>A connected socket (CLOEXEC), or null when nothing listens there (ENOENT, ECONNREFUSED).</summary>
    public static int? Connect(string path)
    {
        int fd = TerminalCalls.Socket(TerminalCalls.AF_UNIX, TerminalCalls.SOCK_STREAM | TerminalCalls.SOCK_CLOEXEC, 0);
        if (fd < 0) throw Failure("socket", path);
        if (WithAddress(path, (address, length) => TerminalCalls.Connect(fd, address, length)) == 0) return fd;
        int error = Sys.LastError;
        Sys.Close(fd);
        if (error is Linux.ENOENT or ECONNREFUSED) return null;
        throw new ShimException(ExitCodes.Failure, $"connect {path}: {Errno.Describe(error)}");
    }

    private const int ECONNREFUSED = 111;

    private delegate int AddressUser(SockaddrUn* address, int length);

    /// <summary>Calls <paramref name="use"/> with the address /proc/self/fd/DIRFD/NAME (errno kept for the caller).</summary>
    private static int WithAddress(string path, AddressUser use)
    {
        string directory = Path.GetDirectoryName(path)!;
        int directoryFd = Sys.Open(directory, Linux.O_PATH | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0);
        if (directoryFd < 0) return -1;
        try
        {
            byte[] name = Encoding.UTF8.GetBytes($"/proc/self/fd/{directoryFd}/{Path.GetFileName(path)}");
            if (name.Length >= 108) throw new ShimException(ExitCodes.Failure, $"socket name too long: {path}");
            var address = new SockaddrUn { Family = TerminalCalls.AF_UNIX };
            for (int i = 0; i < name.Length; i++) address.Path[i] = name[i];
            int result = use(&address, sizeof(ushort) + name.Length + 1);
            int error = Sys.LastError;
            Sys.Close(directoryFd);
            directoryFd = -1;
            Marshal.SetLastPInvokeError(error);
            return result;
        }
        finally
        {
            if (directoryFd >= 0) Sys.Close(directoryFd);
        }
    }

    private static ShimException Failure(string call, string path) => new(ExitCodes.Failure, $"{call} {path}: {Errno.Describe(Sys.LastError)}");
}
