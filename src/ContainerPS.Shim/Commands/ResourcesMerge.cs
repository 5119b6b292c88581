using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// An update over the limits in force, field by field, as runc-update(8) applies one: what the update names
/// replaces, the rest stays (so `--cpu-period` alone keeps the quota). The fields runc's update takes: memory, cpu,
/// pids, the block I/O weight and `unified` (its keys merged); hugetlb, network and device rules stay as created.
/// </summary>
internal static class ResourcesMerge
{
    public static ResourcesSpec Over(ResourcesSpec current, ResourcesSpec update) => current with
    {
        Memory = Memory(current.Memory, update.Memory),
        Cpu = Cpu(current.Cpu, update.Cpu),
        Pids = update.Pids ?? current.Pids,
        BlockIo = update.BlockIo?.Weight is ushort weight ? (current.BlockIo ?? new BlockIoSpec()) with { Weight = weight } : current.BlockIo,
        Unified = update.Unified is { } unified
            ? new Dictionary<string, string>((current.Unified ?? []).Concat(unified).GroupBy(p => p.Key).Select(g => g.Last()))
            : current.Unified,
        Devices = null,
    };

    /// <summary>runc: a memory limit set to -1 with no swap given makes swap unlimited too (memsw may not stay below it).</summary>
    private static MemorySpec? Memory(MemorySpec? current, MemorySpec? update)
    {
        if (update is null) return current;
        long? swap = update.Swap ?? (update.Limit == -1 ? -1 : current?.Swap);
        return (current ?? new MemorySpec()) with
        {
            Limit = update.Limit ?? current?.Limit,
            Swap = swap,
            Reservation = update.Reservation ?? current?.Reservation,
            Kernel = update.Kernel ?? current?.Kernel,
            KernelTcp = update.KernelTcp ?? current?.KernelTcp,
            Swappiness = update.Swappiness ?? current?.Swappiness,
            DisableOomKiller = update.DisableOomKiller ?? current?.DisableOomKiller,
        };
    }

    private static CpuSpec? Cpu(CpuSpec? current, CpuSpec? update) => update is null ? current : (current ?? new CpuSpec()) with
    {
        Shares = update.Shares ?? current?.Shares,
        Quota = update.Quota ?? current?.Quota,
        Period = update.Period ?? current?.Period,
        RealtimeRuntime = update.RealtimeRuntime ?? current?.RealtimeRuntime,
        RealtimePeriod = update.RealtimePeriod ?? current?.RealtimePeriod,
        Cpus = update.Cpus ?? current?.Cpus,
        Mems = update.Mems ?? current?.Mems,
    };
}
