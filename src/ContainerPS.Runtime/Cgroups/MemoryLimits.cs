using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// A validated memory request, in runtime-spec terms (config-linux.md, "Memory"): <see cref="Limit"/> is memory, and
/// <see cref="Swap"/> is memory plus swap. For both, null means "leave alone" (unset or 0) and -1 means unlimited.
/// </summary>
internal sealed record MemoryLimits(long? Limit, long? Swap)
{
    public const long Unlimited = -1;

    public bool IsEmpty => Limit is null && Swap is null;

    public static MemoryLimits From(MemorySpec? spec)
    {
        long? limit = Normalize(spec?.Limit);
        long? swap = Normalize(spec?.Swap);
        if (swap > 0 && limit is null or Unlimited)
        {
            throw new CgroupException(CgroupErrorIds.InvalidLimit, "A memory+swap limit needs a memory limit too.");
        }

        if (swap > 0 && swap < limit)
        {
            throw new CgroupException(CgroupErrorIds.InvalidLimit,
                $"The memory+swap limit ({swap}) is below the memory limit ({limit}).");
        }

        return new MemoryLimits(limit, swap);
    }

    /// <summary>v2 memory.swap.max is swap alone: memory+swap minus memory ("max" when unlimited).</summary>
    public string V2SwapValue() => Swap == Unlimited ? "max" : (Swap!.Value - Limit!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long? Normalize(long? value) => value switch
    {
        null or 0 => null,
        < 0 => Unlimited,
        _ => value,
    };
}
