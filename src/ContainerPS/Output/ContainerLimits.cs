namespace ContainerPS;

/// <summary>The resource limits of a container (PSTypeName <c>ContainerPS.ContainerLimits</c>); null means unlimited.</summary>
public sealed class ContainerLimits
{
    /// <summary>Bytes of memory.</summary>
    public long? Memory { get; init; }

    /// <summary>Bytes of memory plus swap; -1 for unlimited swap.</summary>
    public long? MemorySwap { get; init; }

    /// <summary>CPUs as a fraction of cores.</summary>
    public double? Cpus { get; init; }

    public long? CpuShares { get; init; }

    public long? PidsLimit { get; init; }

    /// <summary>The CPUs it may run on (cpuset list, 0-2,5).</summary>
    public string? CpusetCpus { get; init; }

    public override string ToString() =>
        string.Join(", ", new[]
        {
            Memory is { } m ? $"Memory={m}" : null,
            Cpus is { } c ? $"Cpus={c}" : null,
            CpuShares is { } s ? $"CpuShares={s}" : null,
            PidsLimit is { } p ? $"PidsLimit={p}" : null,
            CpusetCpus is { } set ? $"CpusetCpus={set}" : null,
        }.OfType<string>());
}
