namespace ContainerPS.Engine.Runtime;

/// <summary>The resource limits asked for at creation (docker run's --memory, --memory-swap, --cpus, --cpu-shares, --pids-limit).</summary>
public sealed record ContainerLimits
{
    /// <summary>Bytes of memory; null for no limit.</summary>
    public long? Memory { get; init; }

    /// <summary>Bytes of memory plus swap (docker semantics); -1 for unlimited swap; null for docker's default (twice <see cref="Memory"/>).</summary>
    public long? MemorySwap { get; init; }

    /// <summary>CPUs as a fraction of cores (0.5 is half of one core).</summary>
    public double? Cpus { get; init; }

    /// <summary>Relative CPU weight (docker's default is 1024).</summary>
    public long? CpuShares { get; init; }

    public long? PidsLimit { get; init; }

    /// <summary>The CPUs the container may run on, as cpuset.cpus takes them (<c>0-2,5</c>; docker's --cpuset-cpus).</summary>
    public string? CpusetCpus { get; init; }
}
