namespace ContainerPS.Engine.Runtime;

/// <summary>One sample of a running container's resource use, as docker stats computes it.</summary>
public sealed record ContainerStatsInfo
{
    public required DateTimeOffset Timestamp { get; init; }
    public required string ContainerId { get; init; }
    public required string Name { get; init; }

    /// <summary>Percent of one CPU over the sample interval (200 is two cores fully busy).</summary>
    public required double CpuPercent { get; init; }

    /// <summary>CPU time used since the container started.</summary>
    public required TimeSpan CpuTime { get; init; }

    /// <summary>Bytes in use without the reclaimable inactive file cache (docker's "usage").</summary>
    public required ulong MemoryUsage { get; init; }

    /// <summary>The memory limit, or the host's memory when there is none (as docker).</summary>
    public required ulong MemoryLimit { get; init; }

    public required double MemoryPercent { get; init; }
    public required ulong PidsCurrent { get; init; }
    public ulong? PidsLimit { get; init; }
    public required ulong BlockRead { get; init; }
    public required ulong BlockWrite { get; init; }

    /// <summary>Bytes received on the container's own interfaces (loopback excluded); 0 with -Network Host, as docker.</summary>
    public required ulong NetRx { get; init; }

    public required ulong NetTx { get; init; }
}
