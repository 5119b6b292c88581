namespace ContainerPS;

/// <summary>One sample of a container's resource use (PSTypeName <c>ContainerPS.ContainerStats</c>), as docker stats computes it.</summary>
public sealed class ContainerStats
{
    public DateTime Timestamp { get; init; }

    public string ContainerId { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Percent of one CPU over the sample interval (200 is two cores fully busy).</summary>
    public double CpuPercent { get; init; }

    /// <summary>CPU time used since the container started.</summary>
    public TimeSpan CpuTime { get; init; }

    /// <summary>Bytes in use, without the reclaimable inactive file cache.</summary>
    public ulong MemoryUsage { get; init; }

    /// <summary>The memory limit in bytes, or the host's memory when there is none.</summary>
    public ulong MemoryLimit { get; init; }

    public double MemoryPercent { get; init; }

    public ulong PidsCurrent { get; init; }

    public ulong? PidsLimit { get; init; }

    public ulong BlockRead { get; init; }

    public ulong BlockWrite { get; init; }

    /// <summary>Bytes received on the container's interfaces (loopback excluded).</summary>
    public ulong NetRx { get; init; }

    public ulong NetTx { get; init; }

    /// <summary>Running for a sample; the status of a stopped container that -All lists with zero use.</summary>
    public string Status { get; init; } = "";

    /// <summary>docker stats's MEM USAGE / LIMIT, for display: <c>1.5MiB / 7.6GiB</c>.</summary>
    public string MemoryText { get; init; } = "";

    /// <summary>docker stats's NET I/O, received / sent, for display.</summary>
    public string NetIOText { get; init; } = "";

    /// <summary>docker stats's BLOCK I/O, read / written, for display.</summary>
    public string BlockIOText { get; init; } = "";

    public override string ToString() => $"{Name}: {CpuPercent:0.00}% CPU, {MemoryUsage} B";
}
