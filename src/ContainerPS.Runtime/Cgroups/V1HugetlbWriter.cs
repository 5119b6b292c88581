using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>linux.resources.hugepageLimits on cgroup v1: hugetlb.&lt;size&gt;.limit_in_bytes (cgroup-v1/hugetlb.rst).</summary>
internal static class V1HugetlbWriter
{
    public static void Apply(CgroupDirectories directories, List<HugepageLimitSpec>? limits)
    {
        if (limits is null or [])
        {
            return;
        }

        string directory = V1LimitWriter.Require(directories, "hugetlb");
        foreach (var limit in limits)
        {
            string file = Path.Combine(directory, $"hugetlb.{HugepageSize.Checked(limit.PageSize)}.limit_in_bytes");
            if (!File.Exists(file))
            {
                throw new CgroupException(CgroupErrorIds.InvalidLimit, $"This host has no huge pages of size '{limit.PageSize}'.", file);
            }

            CgroupFiles.Write(file, CgroupValue.Number(limit.Limit));
        }
    }
}
