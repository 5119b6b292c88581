using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// The two channels between the supervisor's side and the container's init: the init reports on the error channel
/// (ready, or the step that failed; EOF when execve succeeded: its end is close-on-exec) and waits on the start
/// channel for one byte. With a monitor both are pipes and the monitor holds the other ends. Without one (runc's
/// way: docs/runtime-contract.md "Runtime and monitor") they are fifos in the state directory, so a later `start`
/// process can release the init and hear how its execve went with no process of ours in between, as runc's
/// exec.fifo does.
/// </summary>
internal readonly record struct ReleaseChannels(int ErrorRead, int ErrorWrite, int StartRead, int StartWrite)
{
    public static ReleaseChannels Pipes()
    {
        var error = Pipe.Create();
        var start = Pipe.Create();
        return new ReleaseChannels(error.Read, error.Write, start.Read, start.Write);
    }

    /// <summary>
    /// The start fifo is opened read-write for the init: it never sees EOF (it is a writer itself), and `start` can
    /// open it for writing without blocking. The report fifo's read end is opened first (non-blocking, then made
    /// blocking) so its write end opens at once, and a read sees EOF once the init has execve'd or died.
    /// </summary>
    public static ReleaseChannels Fifos(StateDirectory directory)
    {
        MakeFifo(directory.StartFifo);
        MakeFifo(directory.ReportFifo);
        int errorRead = OpenReportReader(directory);
        int errorWrite = Open(directory.ReportFifo, Linux.O_WRONLY);
        int startRead = Open(directory.StartFifo, Linux.O_RDWR);
        return new ReleaseChannels(errorRead, errorWrite, startRead, -1);
    }

    /// <summary>The report fifo's read end, blocking: a read returns the init's report or EOF once no writer is left.</summary>
    public static int OpenReportReader(StateDirectory directory)
    {
        int fd = Open(directory.ReportFifo, Linux.O_RDONLY | Linux.O_NONBLOCK);
        int flags = Sys.Fcntl(fd, F_GETFL, 0);
        Sys.Fcntl(fd, F_SETFL, flags & ~Linux.O_NONBLOCK);
        return fd;
    }

    private static void MakeFifo(string path)
    {
        if (Sys.Mkfifo(path, 0x180) != 0) throw new ShimException(ExitCodes.Failure, $"mkfifo {path}: {Errno.Describe(Sys.LastError)}");
    }

    private static int Open(string path, int flags)
    {
        int fd = Sys.Open(path, flags | Linux.O_CLOEXEC, 0);
        if (fd < 0) throw new ShimException(ExitCodes.Failure, $"open {path}: {Errno.Describe(Sys.LastError)}");
        return fd;
    }

    private const int F_GETFL = 3, F_SETFL = 4;
}
