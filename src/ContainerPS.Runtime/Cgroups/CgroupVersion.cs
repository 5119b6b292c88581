namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// Which cgroup interface the host offers. A hybrid host (v1 controllers plus a cgroup2 mount with no controllers, as
/// systemd's "hybrid" mode sets up) is <see cref="V1"/>: limits only work through the v1 controllers.
/// </summary>
public enum CgroupVersion
{
    V1,
    V2,
}
