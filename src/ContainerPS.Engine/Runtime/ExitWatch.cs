using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.State;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Waits for a container to exit. The supervisor records the exit in state.json and then exits itself, so a pidfd
/// on the supervisor (pidfd_open(2), checked against its start time so a recycled pid is never watched) wakes the
/// waiter at once; without one it polls state.json. Waits are sliced so that cancellation is noticed promptly.
/// </summary>
internal sealed unsafe class ExitWatch(StateRoot stateRoot, string id) : IDisposable
{
    private const int SysPidfdOpen = 434; // the same number on every architecture (asm-generic unistd.h)
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromMilliseconds(20);
    private int _pidfd = -1;
    private bool _pidfdTried;
    private TimeSpan _pollDelay = TimeSpan.FromMilliseconds(1);

    public ContainerState? Current { get; private set; }

    /// <summary>True once the container has exited (or its state was deleted); false when <paramref name="timeout"/> passed first.</summary>
    public bool WaitForExit(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        while (true)
        {
            if (HasExited()) return true;
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) return false;
            Pause(remaining < Slice ? remaining : Slice);
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Reads state.json once: true when the container is no longer running or about to run.</summary>
    public bool HasExited()
    {
        var hadState = Current is not null;
        Current = stateRoot.Read(id);
        if (Current is null) return hadState; // deleted after we saw it: it has exited; never seen: not started yet
        if (LiveStatus.Of(Current) != ContainerStatusKind.Exited) return false;
        // Found gone after a read that said running: the supervisor may have recorded the end and exited in
        // between (docs/runtime-contract.md), so the final record is read once more for its exit code.
        if (Current.Status != ContainerStatus.Stopped) Current = stateRoot.Read(id) ?? Current;
        return true;
    }

    /// <summary>Sleeps up to <paramref name="slice"/>, or less when the supervisor exits.</summary>
    public void Pause(TimeSpan slice)
    {
        if (OpenPidfd() is var fd && fd >= 0)
        {
            var pfd = new pollfd { fd = fd, events = LibC.POLLIN };
            if (LibC.poll(&pfd, 1, (int)Math.Max(1, slice.TotalMilliseconds)) > 0) ClosePidfd(); // exited: from now on, poll the file
            return;
        }

        Thread.Sleep(_pollDelay < slice ? _pollDelay : slice);
        _pollDelay = TimeSpan.FromTicks(Math.Min(_pollDelay.Ticks * 2, MaxPollDelay.Ticks));
    }

    public void Dispose() => ClosePidfd();

    private int OpenPidfd()
    {
        if (_pidfdTried || Current is not { SupervisorPid: > 0 } state) return _pidfd;
        _pidfdTried = true;
        var fd = (int)LibC.syscall(SysPidfdOpen, state.SupervisorPid, 0u);
        if (fd < 0) return -1;
        _pidfd = fd;
        // Opened first, checked second: if the start time still matches now, the fd is the supervisor's for good.
        if (!ProcessStartTime.IsAlive(state.SupervisorPid, state.SupervisorStartTime)) ClosePidfd();
        return _pidfd;
    }

    private void ClosePidfd()
    {
        if (_pidfd >= 0) LibC.close(_pidfd);
        _pidfd = -1;
    }
}
