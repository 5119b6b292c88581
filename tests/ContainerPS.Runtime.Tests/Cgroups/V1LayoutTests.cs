using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>The v1 cases this host cannot show: co-mounted cpu,cpuacct, no pids controller, no swap accounting.</summary>
public sealed class V1LayoutTests : IDisposable
{
    private readonly FakeV1Tree _tree = new();

    public void Dispose() => _tree.Dispose();

    private CgroupHost Host()
    {
        var host = CgroupHost.Detect(_tree.Root, "");
        host.DirectoryCreated = _tree.DirectoryCreated;
        return host;
    }

    [Fact]
    public void Co_mounted_cpu_and_cpuacct_get_one_directory()
    {
        var cgroup = Host().Create("/containerps/c1", null);

        Assert.Equal(CgroupVersion.V1, cgroup.Version);
        Assert.Equal(
            new[] { "blkio", "cpu,cpuacct", "memory" }.Select(h => Path.Combine(_tree.Root, h, "containerps", "c1")),
            cgroup.Directories);
    }

    [Fact]
    public void Cpu_limits_go_to_the_joint_hierarchy()
    {
        Host().Create("/c1", new ResourcesSpec { Cpu = new CpuSpec { Quota = 150000, Period = 100000, Shares = 512 } });

        Assert.Equal("100000", _tree.Read("cpu,cpuacct/c1/cpu.cfs_period_us"));
        Assert.Equal("150000", _tree.Read("cpu,cpuacct/c1/cpu.cfs_quota_us"));
        Assert.Equal("512", _tree.Read("cpu,cpuacct/c1/cpu.shares"));
    }

    [Fact]
    public void Without_swap_accounting_only_the_memory_limit_is_written()
    {
        Host().Create("/c1", new ResourcesSpec { Memory = new MemorySpec { Limit = 20 << 20, Swap = 40 << 20 } });

        Assert.Equal("20971520", _tree.Read("memory/c1/memory.limit_in_bytes"));
        Assert.False(File.Exists(Path.Combine(_tree.Root, "memory", "c1", "memory.memsw.limit_in_bytes")));
    }

    [Fact]
    public void A_pids_limit_without_the_pids_controller_fails_with_controller_missing()
    {
        var error = Assert.Throws<CgroupException>(() => Host().Create("/c1", new ResourcesSpec { Pids = new PidsSpec { Limit = 5 } }));

        Assert.Equal(CgroupErrorIds.ControllerMissing, error.ErrorId);
    }

    [Fact]
    public void A_device_list_without_the_devices_controller_fails_with_controller_missing_and_leaves_nothing()
    {
        var host = CgroupHost.Detect(_tree.Root, ""); // no kernel files, so the undo can rmdir as on cgroupfs

        var error = Assert.Throws<CgroupException>(() => host.Create("/c1", new ResourcesSpec { Devices = DefaultDevices.Rules() }));

        Assert.Equal(CgroupErrorIds.ControllerMissing, error.ErrorId);
        Assert.All(new[] { "memory", "cpu,cpuacct", "blkio" }, h => Assert.False(Directory.Exists(Path.Combine(_tree.Root, h, "c1"))));
    }

    [Fact]
    public void Creating_a_cgroup_that_exists_in_one_hierarchy_fails_and_undoes_the_others()
    {
        Directory.CreateDirectory(Path.Combine(_tree.Root, "memory", "c1"));
        var host = CgroupHost.Detect(_tree.Root, ""); // no kernel files, so the undo can rmdir as on cgroupfs

        var error = Assert.Throws<CgroupException>(() => host.Create("/c1", null));

        Assert.Equal(CgroupErrorIds.Exists, error.ErrorId);
        Assert.False(Directory.Exists(Path.Combine(_tree.Root, "blkio", "c1"))); // made before memory, then removed
    }

    [Fact]
    public void ReadStats_parses_the_v1_files_and_treats_a_missing_controller_as_unlimited()
    {
        var cgroup = Host().Create("/c1", null);
        _tree.Set("cpu,cpuacct/c1/cpuacct.usage", "123456789\n");
        _tree.Set("memory/c1/memory.usage_in_bytes", "5242880\n");
        _tree.Set("memory/c1/memory.stat", "cache 0\ninactive_file 1\ntotal_inactive_file 1048576\n");
        _tree.Set("blkio/c1/blkio.throttle.io_service_bytes_recursive",
            "8:0 Read 4096\n8:0 Write 512\n8:0 Sync 0\n8:0 Async 0\n8:0 Total 4608\n8:16 Read 100\n8:16 Write 200\nTotal 4908\n");

        var stats = cgroup.ReadStats();

        Assert.Equal(123456789UL, stats.CpuUsageNanoseconds);
        Assert.Equal(5242880UL, stats.MemoryUsage);
        Assert.Equal(1048576UL, stats.MemoryInactiveFile);
        Assert.Null(stats.MemoryLimit); // PAGE_COUNTER_MAX
        Assert.Equal(0UL, stats.PidsCurrent);
        Assert.Null(stats.PidsLimit);
        Assert.Equal(4196UL, stats.BlockReadBytes);
        Assert.Equal(712UL, stats.BlockWriteBytes);
    }

    [Fact]
    public void Without_total_inactive_file_the_local_inactive_file_is_used()
    {
        var cgroup = Host().Create("/c1", null);
        _tree.Set("memory/c1/memory.stat", "cache 0\ninactive_file 4096\n");
        _tree.Set("memory/c1/memory.limit_in_bytes", "20971520\n");

        var stats = cgroup.ReadStats();

        Assert.Equal(4096UL, stats.MemoryInactiveFile);
        Assert.Equal(20971520UL, stats.MemoryLimit);
    }

    [Fact]
    public void OomKilled_reads_oom_kill_from_memory_oom_control()
    {
        var cgroup = Host().Create("/c1", null);
        Assert.False(cgroup.OomKilled());

        _tree.Set("memory/c1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");

        Assert.True(cgroup.OomKilled());
    }

    [Fact]
    public void A_control_file_holding_garbage_fails_with_parse_failed()
    {
        var cgroup = Host().Create("/c1", null);
        _tree.Set("memory/c1/memory.usage_in_bytes", "lots\n");

        Assert.Equal(CgroupErrorIds.ParseFailed, Assert.Throws<CgroupException>(() => cgroup.ReadStats()).ErrorId);
    }
}
