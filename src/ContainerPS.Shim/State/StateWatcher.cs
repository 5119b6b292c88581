using ContainerPS.Runtime.State;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.State;

/// <summary>
/// Waits for a container's state to change: inotify on the state directory (state.json is replaced by rename) and
/// the supervisor's pidfd (its exit ends the wait), so no polling interval decides how long `start` or `delete` take.
/// </summary>
internal sealed unsafe class StateWatcher : IDisposable
{
    private const uint InMovedTo = 0x80, InCloseWrite = 0x8, InDeleteSelf = 0x400;
    private const int InNonblock = 0x800, InCloexec = 0x80000;
    private readonly StateDirectory _directory;
    private readonly int _inotify;

    public StateWatcher(StateDirectory directory)
    {
        _directory = directory;
        _inotify = Sys.InotifyInit1(InNonblock | InCloexec);
        if (_inotify < 0 || Sys.InotifyAddWatch(_inotify, directory.Path, InMovedTo | InCloseWrite | InDeleteSelf) < 0)
        {
            throw new ShimException(ExitCodes.Failure, $"inotify on {directory.Path}: {Errno.Describe(Sys.LastError)}");
        }
    }

    /// <summary>
    /// Returns the first state that <paramref name="done"/> accepts, or the last one seen when the supervisor has
    /// exited or <paramref name="timeout"/> passed.
    /// </summary>
    public ContainerState WaitFor(Func<ContainerState, bool> done, TimeSpan timeout)
    {
        var state = LiveState.Read(_directory);
        int? supervisor = ProcessIdentity.OpenPidfd(state.SupervisorPid, state.SupervisorStartTime);
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            var fds = stackalloc PollFd[2];
            while (!done(state))
            {
                int remaining = (int)Math.Max(0, (deadline - DateTime.UtcNow).TotalMilliseconds);
                if (supervisor is null || remaining == 0) return state;
                fds[0] = new PollFd { Fd = _inotify, Events = Linux.POLLIN };
                fds[1] = new PollFd { Fd = supervisor.Value, Events = Linux.POLLIN };
                Sys.Poll(fds, 2, remaining);
                DrainEvents();
                if (fds[1].Revents != 0)
                {
                    Sys.Close(supervisor.Value);
                    supervisor = null;
                }
                if (!_directory.TryRead(out var next)) return state with { Status = ContainerStatus.Stopped };
                state = supervisor is null ? LiveState.Read(_directory) : next;
            }
            return state;
        }
        finally
        {
            if (supervisor is int fd) Sys.Close(fd);
        }
    }

    private void DrainEvents()
    {
        byte* buffer = stackalloc byte[4096];
        while (Sys.Read(_inotify, buffer, 4096) > 0) { }
    }

    public void Dispose() => Sys.Close(_inotify);
}
