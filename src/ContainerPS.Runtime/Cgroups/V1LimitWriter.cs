using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>Writes limits into cgroup v1 control files (cgroup-v1/memory.rst, sched-bwc.rst, pids.rst).</summary>
internal static class V1LimitWriter
{
    public static void Apply(CgroupDirectories directories, ResourcesSpec limits, MemoryLimits memory)
    {
        if (limits.Unified is { Count: > 0 })
        {
            // config-linux.md "Unified": a runtime that cannot apply it MUST fail; v1 has no such files.
            throw new CgroupException(CgroupErrorIds.InvalidLimit, "linux.resources.unified needs cgroup v2, and this host uses cgroup v1.");
        }

        ApplyMemory(directories, memory);
        V1MemoryExtras.Apply(directories, limits.Memory);
        ApplyCpu(directories, limits.Cpu);
        V1CpuExtras.Apply(directories, limits.Cpu);
        ApplyPids(directories, limits.Pids);
        V1BlockIoWriter.Apply(directories, limits.BlockIo);
        V1HugetlbWriter.Apply(directories, limits.HugepageLimits);
        V1NetworkWriter.Apply(directories, limits.Network);
    }

    /// <summary>
    /// The kernel keeps memsw at or above the memory limit at every write (cgroup-v1/memory.rst 2.5), so the order
    /// depends on the values in force: memory first, unless memsw is to rise above the current memory limit (an
    /// update that raises both), then memsw first. memory.memsw.limit_in_bytes exists only with swap accounting
    /// (CONFIG_MEMCG_SWAP and swapaccount=1); without it swap cannot be limited, so it is skipped.
    /// </summary>
    private static void ApplyMemory(CgroupDirectories directories, MemoryLimits memory)
    {
        if (memory.IsEmpty)
        {
            return;
        }

        string directory = Require(directories, "memory");
        string limitFile = Path.Combine(directory, "memory.limit_in_bytes");
        string memsw = Path.Combine(directory, "memory.memsw.limit_in_bytes");
        bool limitSwap = memory.Swap is not null && File.Exists(memsw);
        if (limitSwap && memory.Limit is not null && SwapFirst(limitFile, memory.Swap!.Value))
        {
            CgroupFiles.Write(memsw, CgroupValue.V1(memory.Swap.Value));
            limitSwap = false;
        }

        if (memory.Limit is long limit)
        {
            CgroupFiles.Write(limitFile, CgroupValue.V1(limit));
        }

        if (limitSwap)
        {
            CgroupFiles.Write(memsw, CgroupValue.V1(memory.Swap!.Value));
        }
    }

    private static bool SwapFirst(string limitFile, long swap) =>
        swap == MemoryLimits.Unlimited
        || (CgroupFiles.TryRead(limitFile) is string text && CgroupFileParser.ParseNumber(text, limitFile) < (ulong)swap);

    /// <summary>The period goes first: a quota is checked against the period in force when it is written.</summary>
    private static void ApplyCpu(CgroupDirectories directories, CpuSpec? cpu)
    {
        if (cpu is null || (cpu.Period is null or 0 && cpu.Quota is null or 0 && cpu.Shares is null or 0))
        {
            return;
        }

        string directory = Require(directories, "cpu");
        if (cpu.Period is ulong period and > 0)
        {
            CgroupFiles.Write(Path.Combine(directory, "cpu.cfs_period_us"), CgroupValue.Number(period));
        }

        if (cpu.Quota is long quota and not 0)
        {
            CgroupFiles.Write(Path.Combine(directory, "cpu.cfs_quota_us"), CgroupValue.V1(quota));
        }

        if (cpu.Shares is ulong shares and > 0)
        {
            CgroupFiles.Write(Path.Combine(directory, "cpu.shares"), CgroupValue.Number(shares));
        }
    }

    /// <summary>pids.max takes "max" for unlimited in v1 as in v2 (cgroup-v1/pids.rst).</summary>
    private static void ApplyPids(CgroupDirectories directories, PidsSpec? pids)
    {
        if (pids is not null)
        {
            CgroupFiles.Write(Path.Combine(Require(directories, "pids"), "pids.max"), pids.Limit > 0 ? CgroupValue.Number(pids.Limit) : "max");
        }
    }

    internal static string Require(CgroupDirectories directories, string controller) =>
        directories.V1Controller(controller) ?? throw new CgroupException(CgroupErrorIds.ControllerMissing,
            $"A {controller} limit was requested, but the cgroup v1 '{controller}' controller is not mounted.", controller);
}
