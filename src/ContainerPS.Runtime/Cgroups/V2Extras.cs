using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// The spec's v1-shaped resources on cgroup v2, converted as runc converts them (runc's cgroup-v2 documentation):
/// memory.reservation → memory.low, cpus/mems → cpuset.cpus/mems, blockIO → io.weight/io.bfq.weight and io.max,
/// hugepageLimits → hugetlb.&lt;size&gt;.max. v2 has no kmem, swappiness, OOM-killer switch or net_cls/net_prio:
/// those fields are ignored there, as runc ignores them.
/// </summary>
internal static class V2Extras
{
    public static void Apply(string directory, HashSet<string> controllers, ResourcesSpec limits)
    {
        if (limits.Memory?.Reservation is long reservation and not 0)
        {
            V2LimitWriter.Require(controllers, "memory", directory);
            CgroupFiles.Write(Path.Combine(directory, "memory.low"), CgroupValue.V2(reservation));
        }

        ApplyCpuset(directory, controllers, limits.Cpu);
        V2IoWriter.Apply(directory, controllers, limits.BlockIo);
        ApplyHugetlb(directory, controllers, limits.HugepageLimits);
    }

    private static void ApplyCpuset(string directory, HashSet<string> controllers, CpuSpec? cpu)
    {
        if (string.IsNullOrEmpty(cpu?.Cpus) && string.IsNullOrEmpty(cpu?.Mems))
        {
            return;
        }

        V2LimitWriter.Require(controllers, "cpuset", directory);
        if (!string.IsNullOrEmpty(cpu.Cpus))
        {
            CgroupFiles.Write(Path.Combine(directory, "cpuset.cpus"), cpu.Cpus);
        }

        if (!string.IsNullOrEmpty(cpu.Mems))
        {
            CgroupFiles.Write(Path.Combine(directory, "cpuset.mems"), cpu.Mems);
        }
    }

    private static void ApplyHugetlb(string directory, HashSet<string> controllers, List<HugepageLimitSpec>? limits)
    {
        if (limits is null or [])
        {
            return;
        }

        V2LimitWriter.Require(controllers, "hugetlb", directory);
        foreach (var limit in limits)
        {
            string file = Path.Combine(directory, $"hugetlb.{HugepageSize.Checked(limit.PageSize)}.max");
            CgroupFiles.Write(file, CgroupValue.Number(limit.Limit));
        }
    }
}
