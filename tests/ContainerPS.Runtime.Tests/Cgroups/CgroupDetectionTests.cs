using ContainerPS.Runtime.Cgroups;

namespace ContainerPS.Runtime.Tests.Cgroups;

public class CgroupDetectionTests
{
    [Fact]
    public void A_hybrid_host_with_an_empty_unified_mount_is_v1_with_one_directory_per_controller()
    {
        // Captured from the development host: v1 controllers, cpu and cpuacct apart, plus cgroup2 at .../unified.
        var host = CgroupHost.Detect("/sys/fs/cgroup", TestData.Read("mountinfo-hybrid-v1.txt"));

        Assert.Equal(CgroupVersion.V1, host.Version);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["memory"] = "/sys/fs/cgroup/memory",
                ["cpu"] = "/sys/fs/cgroup/cpu",
                ["cpuacct"] = "/sys/fs/cgroup/cpuacct",
                ["pids"] = "/sys/fs/cgroup/pids",
                ["blkio"] = "/sys/fs/cgroup/blkio",
                ["devices"] = "/sys/fs/cgroup/devices",
                ["freezer"] = "/sys/fs/cgroup/freezer",
                ["cpuset"] = "/sys/fs/cgroup/cpuset",
            },
            host.Layout.ControllerMounts.OrderBy(p => p.Key).ToDictionary());
        Assert.Null(host.Layout.UnifiedRoot);
    }

    [Fact]
    public void Co_mounted_cpu_and_cpuacct_share_one_directory()
    {
        var host = CgroupHost.Detect("/sys/fs/cgroup", TestData.Read("mountinfo-joint-cpu-cpuacct.txt"));

        Assert.Equal(CgroupVersion.V1, host.Version);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", host.Layout.ControllerMounts["cpu"]);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", host.Layout.ControllerMounts["cpuacct"]);
        Assert.Equal(["memory", "cpu", "cpuacct", "pids", "blkio", "net_cls", "net_prio"], host.Controllers);
    }

    [Fact]
    public void A_cgroup2_mount_at_the_root_is_v2()
    {
        var host = CgroupHost.Detect("/sys/fs/cgroup/", TestData.Read("mountinfo-pure-v2.txt"));

        Assert.Equal(CgroupVersion.V2, host.Version);
        Assert.Equal("/sys/fs/cgroup", host.Layout.UnifiedRoot);
    }

    [Fact]
    public void Mount_points_with_escaped_spaces_are_unescaped()
    {
        string mountInfo = "40 31 0:37 / /tmp/cg\\040root/memory rw,relatime - cgroup cgroup rw,memory\n";

        var host = CgroupHost.Detect("/tmp/cg root", mountInfo);

        Assert.Equal("/tmp/cg root/memory", host.Layout.ControllerMounts["memory"]);
    }

    [Fact]
    public void The_real_host_is_detected_as_v1_with_the_controllers_containerps_uses()
    {
        var host = CgroupHost.Detect();

        Assert.Equal(CgroupVersion.V1, host.Version);
        Assert.Equal(["memory", "cpu", "cpuacct", "pids", "blkio", "devices", "freezer", "cpuset"], host.Controllers);
    }

    [Fact]
    public void A_directory_that_is_neither_a_mount_nor_a_cgroup_tree_is_reported_as_not_mounted()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<CgroupException>(() => CgroupHost.Detect(temp.Path, TestData.Read("mountinfo-hybrid-v1.txt")));

        Assert.Equal(CgroupErrorIds.NotMounted, error.ErrorId);
    }
}
