namespace ContainerPS.Runtime.Cgroups;

/// <summary>Reads one sample from cgroup v2 interface files; a controller that is not enabled reads as zero / unlimited.</summary>
internal static class V2StatsReader
{
    public static CgroupStats Read(string directory)
    {
        string? cpuStat = Text(directory, "cpu.stat");
        string? memoryStat = Text(directory, "memory.stat");
        string? ioStat = Text(directory, "io.stat");

        return new CgroupStats(
            DateTimeOffset.UtcNow,
            CpuUsageNanoseconds: (cpuStat is null ? 0 : CgroupFileParser.FlatKeyValue(cpuStat, "usage_usec", "cpu.stat") ?? 0) * 1000,
            MemoryUsage: Number(directory, "memory.current") ?? 0,
            MemoryInactiveFile: memoryStat is null ? 0 : CgroupFileParser.FlatKeyValue(memoryStat, "inactive_file", "memory.stat") ?? 0,
            MemoryLimit: NumberOrMax(directory, "memory.max"),
            PidsCurrent: Number(directory, "pids.current") ?? 0,
            PidsLimit: NumberOrMax(directory, "pids.max"),
            BlockReadBytes: ioStat is null ? 0 : CgroupFileParser.SumNestedKey(ioStat, "rbytes", "io.stat"),
            BlockWriteBytes: ioStat is null ? 0 : CgroupFileParser.SumNestedKey(ioStat, "wbytes", "io.stat"));
    }

    private static string? Text(string directory, string file) => CgroupFiles.TryRead(Path.Combine(directory, file));

    private static ulong? Number(string directory, string file) =>
        Text(directory, file) is string text ? CgroupFileParser.ParseNumber(text, Path.Combine(directory, file)) : null;

    private static ulong? NumberOrMax(string directory, string file) =>
        Text(directory, file) is string text ? CgroupFileParser.ParseNumberOrMax(text, Path.Combine(directory, file)) : null;
}
