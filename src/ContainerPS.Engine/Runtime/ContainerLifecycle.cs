using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Networking;
using ContainerPS.Engine.Runtime.Ports;
using ContainerPS.Runtime.State;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Start, stop, kill, wait for and remove a container, through the supervisor. Each state change holds the
/// container's lock, so two pwsh sessions never start or remove the same container at once. The network is set up
/// before the supervisor starts and released when the container is removed or its start fails.
/// </summary>
internal sealed class ContainerLifecycle(ContainerStore store, StateRoot stateRoot, ISupervisorClient shim, ContainerNetworking network)
{
    /// <summary>How long a SIGKILLed container may take to be reaped before stopping is reported as failed.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts the container. A start that fails leaves no supervisor, state or network attachment; the container
    /// itself goes too with -AutoRemove (docker removes it as well), and otherwise keeps why it failed
    /// (<see cref="ContainerRecord.StartFailure"/>) until a start succeeds.
    /// </summary>
    /// <param name="runAtOnce">False: the new supervisor sets the container up and waits (a created container stays so),
    /// for a start through <c>attach --start</c>.</param>
    /// <param name="pending">A supervisor already started for this container (<see cref="ShimClient.BeginCreateStarted"/>),
    /// released here once the bundle is ready; without one, a new supervisor is started.</param>
    public void Start(ContainerRecord record, CancellationToken ct, bool runAtOnce = true, PendingSupervisor? pending = null)
    {
        using var _ = store.LockContainer(record.Id, ct);
        StartLocked(record, ct, runAtOnce, pending);
        if (record.StartFailure is not null) store.Write(record with { StartFailure = null });
    }

    private void StartLocked(ContainerRecord record, CancellationToken ct, bool runAtOnce, PendingSupervisor? pending)
    {
        var state = stateRoot.Read(record.Id);
        switch (LiveStatus.Of(state))
        {
            case ContainerStatusKind.Running:
                throw ContainerErrors.AlreadyRunning(record);
            case ContainerStatusKind.Paused:
                throw ContainerErrors.Paused(record);
            case ContainerStatusKind.Created when state?.Status == ContainerStatus.Created:
                if (runAtOnce) StartCreated(record);
                return;
        }

        // Never started, or exited: the supervisor's old state goes, and a new supervisor sets the container up again.
        DeleteState(record.Id, state, force: true);
        var paths = store.PathsOf(record.Id);
        var spec = BundleSpec.Read(paths);
        WorkingDirectoryPreparer.Prepare(spec.Process.Cwd, paths.Upper, BundleSpec.LowerDirs(spec));
        if (record.Options.AutoRemove) VolatileUpper.ClearMarker(paths);
        try
        {
            network.Prepare(record, ct);
            // The proxy's target is known once the container has its address on its network.
            if (record.Ports.Count > 0)
                BundleSpec.Write(paths, PublishedPortsAnnotation.Write(spec, record.Ports, PublishTarget.Address(record.Options.Network, network.AttachmentOf(record.Id))));
            if (pending is not null) shim.Release(pending, record.Id);
            else if (runAtOnce) shim.CreateStarted(record.Id, paths.Directory);
            else shim.Create(record.Id, paths.Directory);
        }
        catch (Exception e) when (e is ContainerPSException or IOException or UnauthorizedAccessException)
        {
            Abandon(record, e);
            throw;
        }
    }

    /// <summary>The supervisor could not start the container: nothing of that start stays, and the container is forgotten.</summary>
    private void Abandon(ContainerRecord record, Exception error)
    {
        DeleteQuietly(record.Id);
        ReleaseNetworkQuietly(record);
        Forget(record, error is ContainerPSException known ? StartFailure.Of(known) : new StartFailure { Error = error.Message });
    }

    /// <summary>
    /// After a failed start (its supervisor state and network are gone already): an -AutoRemove container is removed,
    /// any other one records the failure. Quietly: the start's own error is the one worth reporting.
    /// </summary>
    private void Forget(ContainerRecord record, StartFailure failure)
    {
        try
        {
            if (record.Options.AutoRemove)
            {
                store.Delete(record.Id);
                stateRoot.RemoveIfEmpty();
            }
            else if (store.TryRead(record.Id) is not null) store.Write(record with { StartFailure = failure });
        }
        catch (Exception e) when (e is ContainerPSException or IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Sends the stop signal, waits up to <paramref name="timeout"/>, then SIGKILL (docker stop). Stopping a container
    /// that is not running does nothing; a paused one is resumed after the signal, so it can act on it (as docker).
    /// </summary>
    public void Stop(ContainerRecord record, TimeSpan timeout, string? signal, CancellationToken ct)
    {
        using var watch = new ExitWatch(stateRoot, record.Id);
        if (watch.HasExited() || !LiveStatus.IsLive(watch.Current)) return;
        if (!Signal(record, Signals.Normalize(signal ?? record.StopSignal)) && watch.HasExited()) return;
        if (watch.WaitForExit(timeout, ct)) return;
        shim.Kill(record.Id, Signals.Kill);
        if (!watch.WaitForExit(KillGrace, ct))
            throw Fail.Timeout("ContainerStopTimeout", $"Container '{record.Name}' did not exit {KillGrace.TotalSeconds:0} s after SIGKILL.", record.Name);
    }

    public void Kill(ContainerRecord record, string signal)
    {
        var normalized = Signals.Normalize(signal);
        if (!LiveStatus.IsLive(stateRoot.Read(record.Id))) throw ContainerErrors.NotRunning(record);
        if (!Signal(record, normalized) && !LiveStatus.IsLive(stateRoot.Read(record.Id))) throw ContainerErrors.NotRunning(record);
    }

    /// <summary>
    /// Signals the container's init; a paused container is resumed after the signal, as docker's kill does, so the
    /// signal is acted on (the shim thaws after a SIGKILL itself). False when it was not running.
    /// </summary>
    private bool Signal(ContainerRecord record, string signal)
    {
        bool paused = LiveStatus.Of(stateRoot.Read(record.Id)) == ContainerStatusKind.Paused;
        if (!shim.Kill(record.Id, signal)) return false;
        if (paused && LiveStatus.Of(stateRoot.Read(record.Id)) == ContainerStatusKind.Paused) ResumeQuietly(record.Id);
        return true;
    }

    private void ResumeQuietly(string id)
    {
        try
        {
            shim.Resume(id);
        }
        catch (ContainerPSException)
        {
            // it exited or was resumed meanwhile: what the signal was for has happened
        }
    }

    /// <summary>docker pause: freezes every process of a running container; ContainerNotRunning otherwise, ContainerPaused when it is already.</summary>
    public void Pause(ContainerRecord record, CancellationToken ct)
    {
        using var _ = store.LockContainer(record.Id, ct);
        switch (LiveStatus.Of(stateRoot.Read(record.Id)))
        {
            case ContainerStatusKind.Paused: throw ContainerErrors.Paused(record);
            case ContainerStatusKind.Running: shim.Pause(record.Id); break;
            default: throw ContainerErrors.NotRunning(record);
        }
    }

    /// <summary>docker unpause: thaws a paused container; ContainerNotPaused otherwise.</summary>
    public void Resume(ContainerRecord record, CancellationToken ct)
    {
        using var _ = store.LockContainer(record.Id, ct);
        if (LiveStatus.Of(stateRoot.Read(record.Id)) != ContainerStatusKind.Paused) throw ContainerErrors.NotPaused(record);
        shim.Resume(record.Id);
    }

    /// <summary>The state once the container has exited; ContainerWaitTimeout when <paramref name="timeout"/> passes first.</summary>
    public ContainerState? Wait(ContainerRecord record, TimeSpan timeout, CancellationToken ct)
    {
        using var watch = new ExitWatch(stateRoot, record.Id);
        if (!watch.WaitForExit(timeout, ct))
            throw Fail.Timeout("ContainerWaitTimeout", $"Container '{record.Name}' was still running after {timeout}.", record.Name);
        return watch.Current;
    }

    public void Remove(ContainerRecord record, bool force, CancellationToken ct)
    {
        using (store.LockContainer(record.Id, ct))
        {
            var state = stateRoot.Read(record.Id);
            if (LiveStatus.IsLive(state) && !force) throw ContainerErrors.Running(record);
            // A supervisor holding a created container, or a running one (-Force), is killed by delete --force.
            DeleteState(record.Id, state, force: state?.Status != ContainerStatus.Stopped);
            network.Release(record, ct);
            store.Delete(record.Id);
            stateRoot.RemoveIfEmpty();
        }
    }

    /// <summary>
    /// Removes the supervisor's state of a container. When state.json says stopped, its supervisor has already
    /// removed the cgroup and exited (it writes "stopped" last), so only files are left and no `delete` process
    /// is needed on the path every -AutoRemove run takes; anything else goes through the supervisor's delete.
    /// </summary>
    private void DeleteState(string id, ContainerState? state, bool force)
    {
        if (state?.Status == ContainerStatus.Stopped) stateRoot.Delete(id);
        else if (stateRoot.Exists(id)) shim.Delete(id, force);
    }

    private void StartCreated(ContainerRecord record)
    {
        try
        {
            shim.Start(record.Id);
        }
        catch (ContainerPSException e)
        {
            Abandon(record, e);
            throw;
        }
    }

    /// <summary>After a failed start: the network goes too (the start's own error is the one worth reporting).</summary>
    private void ReleaseNetworkQuietly(ContainerRecord record)
    {
        try
        {
            network.Release(record, CancellationToken.None);
        }
        catch (Exception e) when (e is ContainerPSException or IOException)
        {
        }
    }

    /// <summary>Cleans up after a failed start; the start's own error is the one worth reporting.</summary>
    private void DeleteQuietly(string id)
    {
        try
        {
            if (stateRoot.Exists(id)) shim.Delete(id, force: true);
        }
        catch (ContainerPSException)
        {
        }
    }
}
