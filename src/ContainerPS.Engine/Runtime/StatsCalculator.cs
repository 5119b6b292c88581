namespace ContainerPS.Engine.Runtime;

/// <summary>docker stats' arithmetic over two samples.</summary>
internal static class StatsCalculator
{
    /// <summary>
    /// docker's calculateCPUPercentUnix (docker/cli cli/command/container/stats_helpers.go): the container's CPU time
    /// delta over the host's total CPU time delta, times the online CPUs, times 100. The host's total grows by
    /// wall time × CPUs, so this is the percent of one core: a container pinned at -Cpus 0.5 shows about 50.
    /// </summary>
    public static double CpuPercent(StatsSample previous, StatsSample current)
    {
        var cpuDelta = (double)current.Cgroup.CpuUsageNanoseconds - previous.Cgroup.CpuUsageNanoseconds;
        var systemDelta = (double)current.SystemNanoseconds - previous.SystemNanoseconds;
        return cpuDelta > 0 && systemDelta > 0 ? cpuDelta / systemDelta * current.OnlineCpus * 100.0 : 0;
    }

    public static ContainerStatsInfo Compute(ContainerInfo container, StatsSample previous, StatsSample current, ulong hostMemory)
    {
        var usage = current.Cgroup.MemoryWorkingSet;
        var limit = current.Cgroup.MemoryLimit is { } l && l < hostMemory ? l : hostMemory;
        return new ContainerStatsInfo
        {
            Timestamp = current.Cgroup.Timestamp,
            ContainerId = container.Id,
            Name = container.Name,
            CpuPercent = Math.Round(CpuPercent(previous, current), 2),
            CpuTime = TimeSpan.FromTicks((long)(current.Cgroup.CpuUsageNanoseconds / 100)),
            MemoryUsage = usage,
            MemoryLimit = limit,
            MemoryPercent = limit == 0 ? 0 : Math.Round(usage * 100.0 / limit, 2),
            PidsCurrent = current.Cgroup.PidsCurrent,
            PidsLimit = current.Cgroup.PidsLimit,
            BlockRead = current.Cgroup.BlockReadBytes,
            BlockWrite = current.Cgroup.BlockWriteBytes,
            NetRx = current.NetRx,
            NetTx = current.NetTx,
        };
    }
}
