using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime.Ports;
using ContainerPS.Runtime.State;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Start, stop, kill, wait for and remove a container, through the supervisor. Each state change holds the
/// container's lock, so two pwsh sessions never start or remove the same container at once.
/// </summary>
internal sealed class ContainerLifecycle(ContainerStore store, StateRoot stateRoot, ShimClient shim)
{
    /// <summary>How long a SIGKILLed container may take to be reaped before stopping is reported as failed.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(30);

    public void Start(ContainerRecord record, CancellationToken ct)
    {
        using var _ = store.LockContainer(record.Id, ct);
        var state = stateRoot.Read(record.Id);
        switch (LiveStatus.Of(state))
        {
            case ContainerStatusKind.Running:
                throw ContainerErrors.AlreadyRunning(record);
            case ContainerStatusKind.Created when state?.Status == ContainerStatus.Created:
                StartCreated(record.Id);
                return;
        }

        // Never started, or exited: the supervisor's old state goes, and a new supervisor sets the container up again.
        if (stateRoot.Exists(record.Id)) shim.Delete(record.Id, force: true);
        var paths = store.PathsOf(record.Id);
        var spec = BundleSpec.Read(paths);
        if (record.Ports.Count > 0) BundleSpec.Write(paths, PublishedPortsAnnotation.Write(spec, record.Ports, PublishTarget.Address(record.Options.Network)));
        WorkingDirectoryPreparer.Prepare(spec.Process.Cwd, paths.Upper, BundleSpec.LowerDirs(spec));
        try
        {
            shim.CreateStarted(record.Id, paths.Directory);
        }
        catch (ContainerPSException)
        {
            DeleteQuietly(record.Id);
            throw;
        }
    }

    /// <summary>Sends the stop signal, waits up to <paramref name="timeout"/>, then SIGKILL (docker stop). Stopping a container that is not running does nothing.</summary>
    public void Stop(ContainerRecord record, TimeSpan timeout, string? signal, CancellationToken ct)
    {
        using var watch = new ExitWatch(stateRoot, record.Id);
        if (watch.HasExited() || LiveStatus.Of(watch.Current) != ContainerStatusKind.Running) return;
        if (!shim.Kill(record.Id, Signals.Normalize(signal ?? record.StopSignal)) && watch.HasExited()) return;
        if (watch.WaitForExit(timeout, ct)) return;
        shim.Kill(record.Id, Signals.Kill);
        if (!watch.WaitForExit(KillGrace, ct))
            throw Fail.Timeout("ContainerStopTimeout", $"Container '{record.Name}' did not exit {KillGrace.TotalSeconds:0} s after SIGKILL.", record.Name);
    }

    public void Kill(ContainerRecord record, string signal)
    {
        var normalized = Signals.Normalize(signal);
        if (LiveStatus.Of(stateRoot.Read(record.Id)) != ContainerStatusKind.Running) throw ContainerErrors.NotRunning(record);
        if (!shim.Kill(record.Id, normalized) && LiveStatus.Of(stateRoot.Read(record.Id)) != ContainerStatusKind.Running)
            throw ContainerErrors.NotRunning(record);
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
            if (LiveStatus.Of(state) == ContainerStatusKind.Running && !force) throw ContainerErrors.Running(record);
            // A supervisor holding a created container, or a running one (-Force), is killed by delete --force.
            if (stateRoot.Exists(record.Id)) shim.Delete(record.Id, force: state?.Status != ContainerStatus.Stopped);
            store.Delete(record.Id);
            stateRoot.RemoveIfEmpty();
        }
    }

    private void StartCreated(string id)
    {
        try
        {
            shim.Start(id);
        }
        catch (ContainerPSException)
        {
            DeleteQuietly(id);
            throw;
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
