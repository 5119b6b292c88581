namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// One sample of a cgroup's counters. Limits are null when unlimited. Sizes are bytes.
/// </summary>
public sealed record CgroupStats(
    DateTimeOffset Timestamp,
    ulong CpuUsageNanoseconds,
    ulong MemoryUsage,
    ulong MemoryInactiveFile,
    ulong? MemoryLimit,
    ulong PidsCurrent,
    ulong? PidsLimit,
    ulong BlockReadBytes,
    ulong BlockWriteBytes)
{
    /// <summary>
    /// Usage without the reclaimable page cache: what `docker stats` shows as "usage" (usage - inactive_file, never
    /// negative).
    /// </summary>
    public ulong MemoryWorkingSet => MemoryUsage > MemoryInactiveFile ? MemoryUsage - MemoryInactiveFile : 0;
}
