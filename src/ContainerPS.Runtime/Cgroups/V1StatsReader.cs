namespace ContainerPS.Runtime.Cgroups;

/// <summary>Reads one sample from cgroup v1 files; a controller that is not mounted reads as zero / unlimited.</summary>
internal static class V1StatsReader
{
    /// <summary>v1 reports "no limit" as PAGE_COUNTER_MAX in bytes (9223372036854771712 on x86-64); anything this big is unlimited.</summary>
    private const ulong UnlimitedThreshold = 1UL << 62;

    public static CgroupStats Read(CgroupDirectories directories)
    {
        string? cpuacct = directories.V1Controller("cpuacct");
        string? memory = directories.V1Controller("memory");
        string? pids = directories.V1Controller("pids");
        string? blkio = directories.V1Controller("blkio");

        string? memoryStat = Text(memory, "memory.stat");
        ulong inactiveFile = memoryStat is null ? 0
            : CgroupFileParser.FlatKeyValue(memoryStat, "total_inactive_file", "memory.stat")
              ?? CgroupFileParser.FlatKeyValue(memoryStat, "inactive_file", "memory.stat") ?? 0;
        ulong? memoryLimit = Number(memory, "memory.limit_in_bytes");
        string? blkioBytes = Text(blkio, "blkio.throttle.io_service_bytes_recursive");

        return new CgroupStats(
            DateTimeOffset.UtcNow,
            CpuUsageNanoseconds: Number(cpuacct, "cpuacct.usage") ?? 0,
            MemoryUsage: Number(memory, "memory.usage_in_bytes") ?? 0,
            MemoryInactiveFile: inactiveFile,
            MemoryLimit: memoryLimit >= UnlimitedThreshold ? null : memoryLimit,
            PidsCurrent: Number(pids, "pids.current") ?? 0,
            PidsLimit: NumberOrMax(pids, "pids.max"),
            BlockReadBytes: blkioBytes is null ? 0 : CgroupFileParser.SumBlkioOperation(blkioBytes, "Read", "blkio"),
            BlockWriteBytes: blkioBytes is null ? 0 : CgroupFileParser.SumBlkioOperation(blkioBytes, "Write", "blkio"));
    }

    private static string? Text(string? directory, string file) =>
        directory is null ? null : CgroupFiles.TryRead(Path.Combine(directory, file));

    private static ulong? Number(string? directory, string file) =>
        Text(directory, file) is string text ? CgroupFileParser.ParseNumber(text, Path.Combine(directory!, file)) : null;

    private static ulong? NumberOrMax(string? directory, string file) =>
        Text(directory, file) is string text ? CgroupFileParser.ParseNumberOrMax(text, Path.Combine(directory!, file)) : null;
}
