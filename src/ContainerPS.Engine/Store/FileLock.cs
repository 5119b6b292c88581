using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Store;

/// <summary>
/// A cross-process lock with flock(2) on a file under <c>locks/</c>. flock is released by the kernel when the
/// process dies, so a pull killed with SIGKILL never leaves a stale lock behind. The file is opened with open(2),
/// not FileStream: .NET's FileStream takes its own flock for FileShare emulation, which would fight ours.
/// </summary>
public sealed class FileLock : IDisposable
{
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromMilliseconds(50);
    private int _fd;

    private FileLock(int fd) => _fd = fd;

    /// <summary>Takes the lock, waiting for other holders; cancellable while it waits.</summary>
    public static unsafe FileLock Acquire(string path, bool exclusive, CancellationToken ct)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        int fd;
        fixed (byte* p = bytes) fd = LibC.open(p, LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0x180 /* 0600 */);
        if (fd < 0) throw Fail.Internal("StoreLockFailed", $"Cannot open the lock file '{path}' (errno {LibC.errno}).", path);

        var operation = (exclusive ? LibCExtra.LOCK_EX : LibCExtra.LOCK_SH) | LibCExtra.LOCK_NB;
        var delay = TimeSpan.FromMilliseconds(1);
        while (LibCExtra.flock(fd, operation) != 0)
        {
            if (ct.IsCancellationRequested)
            {
                LibC.close(fd);
                ct.ThrowIfCancellationRequested();
            }

            Thread.Sleep(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollDelay.Ticks));
        }

        return new FileLock(fd);
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) LibC.close(fd); // closing the descriptor releases the flock
    }
}
