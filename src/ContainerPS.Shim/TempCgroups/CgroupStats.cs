namespace ContainerPS.Runtime.Cgroups;

// TEMP cgroups (see CgroupVersion.cs).
public sealed record CgroupStats(DateTimeOffset Timestamp, ulong CpuUsageNanoseconds, ulong MemoryUsage,
    ulong MemoryInactiveFile, ulong? MemoryLimit, ulong PidsCurrent, ulong? PidsLimit, ulong BlockReadBytes,
    ulong BlockWriteBytes);
