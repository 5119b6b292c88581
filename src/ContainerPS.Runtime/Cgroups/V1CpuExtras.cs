using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// cpu.realtimePeriod/realtimeRuntime (cpu.rt_period_us, cpu.rt_runtime_us; sched-rt-group.rst) and cpus/mems
/// (cpuset.cpus, cpuset.mems; cgroup-v1/cpusets.rst), config-linux.md "CPU".
/// </summary>
internal static class V1CpuExtras
{
    public static void Apply(CgroupDirectories directories, CpuSpec? cpu)
    {
        if (cpu is null)
        {
            return;
        }

        ApplyRealtime(directories, cpu);
        ApplyCpuset(directories, cpu);
    }

    /// <summary>The period first: the runtime is checked against the period in force.</summary>
    private static void ApplyRealtime(CgroupDirectories directories, CpuSpec cpu)
    {
        if (cpu.RealtimePeriod is null or 0 && cpu.RealtimeRuntime is null or 0)
        {
            return;
        }

        string directory = V1LimitWriter.Require(directories, "cpu");
        if (cpu.RealtimePeriod is ulong period and > 0)
        {
            CgroupFiles.Write(Path.Combine(directory, "cpu.rt_period_us"), CgroupValue.Number(period));
        }

        if (cpu.RealtimeRuntime is long runtime and not 0)
        {
            CgroupFiles.Write(Path.Combine(directory, "cpu.rt_runtime_us"), CgroupValue.Number(runtime));
        }
    }

    private static void ApplyCpuset(CgroupDirectories directories, CpuSpec cpu)
    {
        if (string.IsNullOrEmpty(cpu.Cpus) && string.IsNullOrEmpty(cpu.Mems))
        {
            return;
        }

        string directory = V1LimitWriter.Require(directories, "cpuset");
        if (!string.IsNullOrEmpty(cpu.Cpus))
        {
            CgroupFiles.Write(Path.Combine(directory, "cpuset.cpus"), cpu.Cpus);
        }

        if (!string.IsNullOrEmpty(cpu.Mems))
        {
            CgroupFiles.Write(Path.Combine(directory, "cpuset.mems"), cpu.Mems);
        }
    }
}
