namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// A new v1 cpuset cgroup starts with empty cpuset.cpus and cpuset.mems, and no task can join it until both are set
/// (ENOSPC; cgroup-v1/cpusets.rst 1.7, unless the parent has cgroup.clone_children). Each level made gets its
/// parent's values, as runc does, so a container without cpus/mems runs on everything its parent may use.
/// </summary>
internal static class V1Cpuset
{
    public static void InheritFromParent(string directory)
    {
        string parent = Path.GetDirectoryName(directory)!;
        foreach (string name in new[] { "cpuset.cpus", "cpuset.mems" })
        {
            string own = Path.Combine(directory, name);
            if (!string.IsNullOrWhiteSpace(CgroupFiles.TryRead(own)))
            {
                continue;
            }

            string? inherited = CgroupFiles.TryRead(Path.Combine(parent, name))?.Trim();
            if (!string.IsNullOrEmpty(inherited))
            {
                CgroupFiles.Write(own, inherited);
            }
        }
    }
}
