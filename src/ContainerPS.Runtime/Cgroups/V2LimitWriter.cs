using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>Writes limits into cgroup v2 interface files (cgroup-v2.rst, "Memory", "CPU", "PID").</summary>
internal static class V2LimitWriter
{
    public static void Apply(string directory, ResourcesSpec limits, MemoryLimits memory)
    {
        var controllers = V2Hierarchy.Controllers(directory);
        ApplyMemory(directory, controllers, memory);
        ApplyCpu(directory, controllers, limits.Cpu);
        ApplyPids(directory, controllers, limits.Pids);
        V2Extras.Apply(directory, controllers, limits);
        V2UnifiedWriter.Apply(directory, limits.Unified);
    }

    /// <summary>memory.swap.max is absent without swap accounting; then swap cannot be limited and is skipped.</summary>
    private static void ApplyMemory(string directory, HashSet<string> controllers, MemoryLimits memory)
    {
        if (memory.IsEmpty)
        {
            return;
        }

        Require(controllers, "memory", directory);
        if (memory.Limit is long limit)
        {
            CgroupFiles.Write(Path.Combine(directory, "memory.max"), CgroupValue.V2(limit));
        }

        string swapMax = Path.Combine(directory, "memory.swap.max");
        if (memory.Swap is not null && File.Exists(swapMax))
        {
            CgroupFiles.Write(swapMax, memory.V2SwapValue());
        }
    }

    /// <summary>cpu.max is "$MAX $PERIOD"; the period may be left out to keep the current one.</summary>
    private static void ApplyCpu(string directory, HashSet<string> controllers, CpuSpec? cpu)
    {
        if (cpu is null || (cpu.Period is null or 0 && cpu.Quota is null or 0 && cpu.Shares is null or 0))
        {
            return;
        }

        Require(controllers, "cpu", directory);
        if (cpu.Quota is not (null or 0) || cpu.Period is not (null or 0))
        {
            string max = cpu.Quota is long quota and > 0 ? CgroupValue.Number(quota) : "max";
            string value = cpu.Period is ulong period and > 0 ? $"{max} {CgroupValue.Number(period)}" : max;
            CgroupFiles.Write(Path.Combine(directory, "cpu.max"), value);
        }

        if (cpu.Shares is ulong shares and > 0)
        {
            CgroupFiles.Write(Path.Combine(directory, "cpu.weight"), CgroupValue.Number(CpuWeight.FromShares(shares)));
        }
    }

    private static void ApplyPids(string directory, HashSet<string> controllers, PidsSpec? pids)
    {
        if (pids is not null)
        {
            Require(controllers, "pids", directory);
            CgroupFiles.Write(Path.Combine(directory, "pids.max"), pids.Limit > 0 ? CgroupValue.Number(pids.Limit) : "max");
        }
    }

    internal static void Require(HashSet<string> controllers, string controller, string directory)
    {
        if (!controllers.Contains(controller))
        {
            throw new CgroupException(CgroupErrorIds.ControllerMissing,
                $"A {controller} limit was requested, but the cgroup v2 '{controller}' controller is not enabled for '{directory}'.", directory);
        }
    }
}
