using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// docker update: new resource limits for a container, running or not. The limits asked for are merged over the
/// ones it has (a limit not named stays), checked as at creation (<see cref="ResourceLimits"/>), given to a live
/// container's cgroup by its supervisor (<c>update</c>), and then kept in container.json and the bundle, so the next
/// start has them too. A live update that fails changes nothing.
/// </summary>
internal sealed class ContainerUpdater(ContainerStore store, StateRoot stateRoot, ISupervisorClient shim)
{
    public ContainerRecord Update(ContainerRecord record, ContainerLimits changes, CancellationToken ct)
    {
        using var _ = store.LockContainer(record.Id, ct);
        var current = store.TryRead(record.Id) ?? throw ContainerErrors.NotFound(record.Name);
        var limits = Merge(current.Options.Limits, changes);
        var resources = ResourceLimits.ToSpec(limits);
        // Devices are the supervisor's from creation: an update names only the limits (runc's merge keeps the rest).
        if (LiveStatus.IsLive(stateRoot.Read(record.Id))) shim.Update(record.Id, resources with { Devices = null });
        var paths = store.PathsOf(record.Id);
        var spec = BundleSpec.Read(paths);
        var kept = spec.Linux.Resources ?? new ResourcesSpec();
        BundleSpec.Write(paths, spec with
        {
            Linux = spec.Linux with { Resources = kept with { Memory = resources.Memory, Cpu = resources.Cpu, Pids = resources.Pids } },
        });
        var updated = current with { Options = current.Options with { Limits = limits } };
        store.Write(updated);
        return updated;
    }

    /// <summary>
    /// The limits named in <paramref name="changes"/> over <paramref name="limits"/>. A new -Memory without -MemorySwap
    /// gets docker's default swap again (twice the memory), as a new container would.
    /// </summary>
    public static ContainerLimits Merge(ContainerLimits limits, ContainerLimits changes) => new()
    {
        Memory = changes.Memory ?? limits.Memory,
        MemorySwap = changes.MemorySwap ?? (changes.Memory is null ? limits.MemorySwap : null),
        Cpus = changes.Cpus ?? limits.Cpus,
        CpuShares = changes.CpuShares ?? limits.CpuShares,
        PidsLimit = changes.PidsLimit ?? limits.PidsLimit,
        CpusetCpus = changes.CpusetCpus ?? limits.CpusetCpus,
    };
}
