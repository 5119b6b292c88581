using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// linux.resources.network (config-linux.md "Network"): net_cls.classid (cgroup-v1/net_cls.rst) and one
/// "IFNAME PRIORITY" write per interface to net_prio.ifpriomap (cgroup-v1/net_prio.rst). cgroup v2 has neither.
/// </summary>
internal static class V1NetworkWriter
{
    public static void Apply(CgroupDirectories directories, NetworkResourcesSpec? network)
    {
        if (network is null)
        {
            return;
        }

        if (network.ClassId is uint classId)
        {
            CgroupFiles.Write(Path.Combine(V1LimitWriter.Require(directories, "net_cls"), "net_cls.classid"), CgroupValue.Number(classId));
        }

        foreach (var priority in network.Priorities ?? [])
        {
            if (priority.Name.Length == 0 || priority.Name.Any(c => char.IsWhiteSpace(c) || c == '/'))
            {
                throw new CgroupException(CgroupErrorIds.InvalidLimit, $"'{priority.Name}' is not a network interface name.");
            }

            string file = Path.Combine(V1LimitWriter.Require(directories, "net_prio"), "net_prio.ifpriomap");
            CgroupFiles.Write(file, $"{priority.Name} {CgroupValue.Number(priority.Priority)}");
        }
    }
}
