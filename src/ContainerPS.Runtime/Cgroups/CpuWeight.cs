namespace ContainerPS.Runtime.Cgroups;

/// <summary>Converts cgroup v1 cpu.shares [2, 262144] to cgroup v2 cpu.weight [1, 10000], the way runc does.</summary>
internal static class CpuWeight
{
    public const ulong MinShares = 2;
    public const ulong MaxShares = 262144;

    /// <summary>
    /// weight = 1 + ((shares - 2) * 9999) / 262142: maps the v1 range linearly onto the v2 range, so the default 1024
    /// shares becomes 39 (runc libcontainer/cgroups utils, ConvertCPUSharesToCgroupV2Value). Out-of-range shares are
    /// clamped first, as the v1 kernel does.
    /// </summary>
    public static ulong FromShares(ulong shares)
    {
        ulong clamped = Math.Clamp(shares, MinShares, MaxShares);
        return 1 + ((clamped - 2) * 9999) / 262142;
    }
}
