using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Terminal;

/// <summary>
/// A pseudoterminal pair (pty(7)) and its window size. The master is the end a proxy reads the program's output
/// from and writes the keyboard to; the slave becomes the program's stdin, stdout and stderr.
/// </summary>
internal readonly record struct Pty(int Master, int Slave)
{
    /// <summary>
    /// A new pair from <paramref name="ptmx"/> (the host's /dev/ptmx by default): both ends CLOEXEC, the slave
    /// O_NOCTTY so it does not become this process's controlling terminal. The slave comes from TIOCGPTPEER
    /// (Linux 4.13) rather than a path built from TIOCGPTN, so a devpts mounted over /dev/pts cannot swap it.
    /// </summary>
    public static unsafe Pty Open(string ptmx = "/dev/ptmx")
    {
        int master = Sys.Open(ptmx, Linux.O_RDWR | Linux.O_NOCTTY | Linux.O_CLOEXEC, 0);
        if (master < 0) throw Failure($"open {ptmx}");
        int unlock = 0;
        if (TerminalCalls.Ioctl(master, TerminalCalls.TIOCSPTLCK, &unlock) != 0)
        {
            var failure = Failure("TIOCSPTLCK");
            Sys.Close(master);
            throw failure;
        }
        int slave = TerminalCalls.Ioctl(master, TerminalCalls.TIOCGPTPEER, Linux.O_RDWR | Linux.O_NOCTTY | Linux.O_CLOEXEC);
        if (slave < 0)
        {
            var failure = Failure("TIOCGPTPEER");
            Sys.Close(master);
            throw failure;
        }
        return new Pty(master, slave);
    }

    /// <summary>The pty number N of /dev/pts/N (TIOCGPTN on the master).</summary>
    public static unsafe int Number(int master)
    {
        int number;
        return TerminalCalls.Ioctl(master, TerminalCalls.TIOCGPTN, &number) == 0 ? number : throw Failure("TIOCGPTN");
    }

    public static unsafe WindowSize? GetWindowSize(int fd)
    {
        WindowSize size;
        return TerminalCalls.Ioctl(fd, TerminalCalls.TIOCGWINSZ, &size) == 0 ? size : null;
    }

    /// <summary>Sets the size; the kernel sends SIGWINCH to the terminal's foreground process group when it changes.</summary>
    public static unsafe bool SetWindowSize(int fd, WindowSize size) => TerminalCalls.Ioctl(fd, TerminalCalls.TIOCSWINSZ, &size) == 0;

    /// <summary>Gives <paramref name="to"/> the window size of <paramref name="from"/>; false if either is not a terminal.</summary>
    public static bool CopyWindowSize(int from, int to) => GetWindowSize(from) is { } size && SetWindowSize(to, size);

    private static ShimException Failure(string what) => new(ExitCodes.Failure, $"{what}: {Errno.Describe(Sys.LastError)}");
}
