using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime;

/// <summary>Docker's resource flags as runtime-spec cgroup settings (config-linux.md, "Control groups").</summary>
internal static partial class ResourceLimits
{
    /// <summary>CFS period docker uses with --cpus (100 ms); the quota is cpus × period.</summary>
    public const ulong CpuPeriod = 100_000;

    /// <summary>
    /// The least memory docker lets a container have (6 MiB, its linuxMinMemory): below it the container's own setup
    /// runs out of memory before the process starts, so a lower limit is refused before anything is made.
    /// </summary>
    public const long MinimumMemory = 6L << 20;

    /// <summary>The limits asked for, and always Docker's device allow-list (hardening.md principle 5).</summary>
    public static ResourcesSpec ToSpec(ContainerLimits limits)
    {
        var pids = limits.PidsLimit is { } p ? new PidsSpec { Limit = p > 0 ? p : -1 } : null;
        return new ResourcesSpec { Memory = Memory(limits), Cpu = Cpu(limits), Pids = pids, Devices = DefaultDevices.Rules() };
    }

    /// <summary>
    /// docker run reference, "--memory-swap details": unset means the container may use as much swap as memory
    /// (a total of twice the limit); -1 means unlimited swap; otherwise it is memory plus swap and not below memory.
    /// </summary>
    private static MemorySpec? Memory(ContainerLimits limits)
    {
        if (limits.Memory is not { } memory)
        {
            if (limits.MemorySwap is not null) throw Fail.InvalidArgument("InvalidMemorySwap", "-MemorySwap needs -Memory.", limits.MemorySwap);
            return null;
        }

        if (memory <= 0) throw Fail.InvalidArgument("InvalidMemory", $"-Memory must be a positive number of bytes, not {memory}.", memory);
        if (memory < MinimumMemory)
            throw TooLow($"-Memory {memory} is below the least a container can start with ({MinimumMemory / (1 << 20)} MiB, as docker).", memory);
        var swap = limits.MemorySwap switch
        {
            null or 0 => memory * 2,
            -1 => -1,
            { } total when total >= memory => total,
            { } total => throw TooLow($"-MemorySwap ({total}) is memory plus swap and must not be below -Memory ({memory}).", total),
        };
        return new MemorySpec { Limit = memory, Swap = swap };
    }

    private static ContainerPSException TooLow(string message, long value) => Fail.InvalidArgument("MemoryLimitTooLow", message, value);

    private static CpuSpec? Cpu(ContainerLimits limits)
    {
        if (limits.Cpus is null && limits.CpuShares is null && limits.CpusetCpus is null) return null;
        if (limits.CpusetCpus is { } set && !CpuListPattern().IsMatch(set))
            throw Fail.InvalidArgument("InvalidCpusetCpus", $"-CpusetCpus '{set}' is not a CPU list such as 0-2,5.", set);
        if (limits.Cpus is <= 0 or double.NaN) throw Fail.InvalidArgument("InvalidCpus", $"-Cpus must be above 0, not {limits.Cpus}.", limits.Cpus);
        if (limits.CpuShares is < 2 or > 262144) throw Fail.InvalidArgument("InvalidCpuShares", $"-CpuShares must be between 2 and 262144, not {limits.CpuShares}.", limits.CpuShares);
        return new CpuSpec
        {
            Quota = limits.Cpus is { } cpus ? (long)Math.Round(cpus * CpuPeriod) : null,
            Period = limits.Cpus is null ? null : CpuPeriod,
            Shares = limits.CpuShares is { } shares ? (ulong)shares : null,
            Cpus = limits.CpusetCpus,
        };
    }

    /// <summary>cpuset's list format (Documentation/admin-guide/cgroup-v1/cpusets.rst): numbers and ranges, comma-separated.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+(-\d+)?(,\d+(-\d+)?)*$")]
    private static partial System.Text.RegularExpressions.Regex CpuListPattern();
}
