using ContainerPS.Runtime.State;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>
/// Opens a container's root for a copy, running or not: the live root through /proc when its init runs, otherwise
/// its overlay mounted for the copy under the container's lock (checked again under the lock, since it may have started
/// while the lock was awaited).
/// </summary>
internal sealed class ContainerRootOpener(ContainerStore store, StateRoot state)
{
    public ContainerRoot Open(ContainerRecord record, CancellationToken ct)
    {
        if (TryOpenRunning(record) is { } running) return running;
        var guard = store.LockContainer(record.Id, ct);
        try
        {
            if (TryOpenRunning(record) is { } started)
            {
                guard.Dispose();
                return started;
            }

            return new ContainerRoot(StoppedRootMounter.Mount(store.PathsOf(record.Id)), guard);
        }
        catch
        {
            guard.Dispose();
            throw;
        }
    }

    /// <summary>A container's live root when its init (or, once created, its waiting child) is the process state.json names.</summary>
    private ContainerRoot? TryOpenRunning(ContainerRecord record) =>
        state.Read(record.Id) is { Status: ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Created } live && RunningRootOpener.TryOpen(live) is { } fd
            ? new ContainerRoot(fd)
            : null;
}
