using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>cgroup v2 by its file layout: this host is v1, so the tree is an ordinary directory (see FakeV2Kernel).</summary>
public sealed class V2LayoutTests : IDisposable
{
    private readonly FakeV2Kernel _kernel = new();

    public void Dispose() => _kernel.Dispose();

    private CgroupHost Host()
    {
        var host = CgroupHost.Detect(_kernel.Root, TestData.Read("mountinfo-hybrid-v1.txt"));
        host.DirectoryCreated = _kernel.DirectoryCreated;
        return host;
    }

    private static ResourcesSpec Limits(long? memory = null, long? swap = null, long? quota = null, ulong? period = null,
        ulong? shares = null, long? pids = null) => new()
    {
        Memory = memory is null && swap is null ? null : new MemorySpec { Limit = memory, Swap = swap },
        Cpu = quota is null && period is null && shares is null ? null : new CpuSpec { Quota = quota, Period = period, Shares = shares },
        Pids = pids is null ? null : new PidsSpec { Limit = pids.Value },
    };

    [Fact]
    public void A_tree_with_cgroup_controllers_at_its_root_is_v2()
    {
        Assert.Equal(CgroupVersion.V2, Host().Version);
        Assert.Equal(["cpu", "memory", "pids", "io", "cpuset", "hugetlb"], Host().Controllers);
    }

    [Fact]
    public void Create_enables_the_controllers_in_every_ancestor_from_the_root_down()
    {
        var cgroup = Host().Create("/containerps/c1", null);

        Assert.Equal("+cpu +memory +pids +io +cpuset +hugetlb", _kernel.Read("cgroup.subtree_control"));
        Assert.Equal("+cpu +memory +pids +io +cpuset +hugetlb", _kernel.Read("containerps/cgroup.subtree_control"));
        Assert.Equal([Path.Combine(_kernel.Root, "containerps", "c1")], cgroup.Directories);
        Assert.Equal("cpu memory pids io cpuset hugetlb\n", _kernel.Read("containerps/c1/cgroup.controllers"));
        Assert.Equal(CgroupVersion.V2, cgroup.Version);
    }

    [Fact]
    public void Controllers_the_parent_lacks_are_not_enabled()
    {
        using var kernel = new FakeV2Kernel(rootControllers: "cpu memory");
        var host = CgroupHost.Detect(kernel.Root, "");
        host.DirectoryCreated = kernel.DirectoryCreated;

        host.Create("/containerps/c1", null);

        Assert.Equal("+cpu +memory", kernel.Read("cgroup.subtree_control"));
        Assert.Equal("+cpu +memory", kernel.Read("containerps/cgroup.subtree_control"));
    }

    [Fact]
    public void Controllers_already_enabled_are_not_written_again()
    {
        _kernel.Set("cgroup.subtree_control", "cpu io memory pids cpuset hugetlb\n");

        Host().Create("/c1", null);

        Assert.Equal("cpu io memory pids cpuset hugetlb\n", _kernel.Read("cgroup.subtree_control"));
    }

    [Fact]
    public void Create_writes_memory_swap_cpu_and_pids_limits_into_the_v2_files()
    {
        Host().Create("/containerps/c1", Limits(memory: 20 << 20, swap: 30 << 20, quota: 50000, period: 100000, shares: 1024, pids: 5));

        Assert.Equal("20971520", _kernel.Read("containerps/c1/memory.max"));
        Assert.Equal("10485760", _kernel.Read("containerps/c1/memory.swap.max")); // swap alone: total - memory
        Assert.Equal("50000 100000", _kernel.Read("containerps/c1/cpu.max"));
        Assert.Equal("39", _kernel.Read("containerps/c1/cpu.weight"));
        Assert.Equal("5", _kernel.Read("containerps/c1/pids.max"));
    }

    [Fact]
    public void Unlimited_values_are_written_as_max()
    {
        Host().Create("/c1", Limits(memory: -1, swap: -1, quota: -1, period: 200000, pids: 0));

        Assert.Equal("max", _kernel.Read("c1/memory.max"));
        Assert.Equal("max", _kernel.Read("c1/memory.swap.max"));
        Assert.Equal("max 200000", _kernel.Read("c1/cpu.max"));
        Assert.Equal("max", _kernel.Read("c1/pids.max"));
    }

    [Fact]
    public void Limits_not_requested_keep_the_kernel_defaults()
    {
        Host().Create("/c1", Limits(memory: 64 << 20));

        Assert.Equal("67108864", _kernel.Read("c1/memory.max"));
        Assert.Equal("max\n", _kernel.Read("c1/memory.swap.max"));
        Assert.Equal("max 100000\n", _kernel.Read("c1/cpu.max"));
        Assert.Equal("100\n", _kernel.Read("c1/cpu.weight"));
        Assert.Equal("max\n", _kernel.Read("c1/pids.max"));
    }

    [Fact]
    public void Creating_an_existing_cgroup_fails_so_two_containers_never_share_one()
    {
        var host = Host();
        host.Create("/containerps/c1", null);

        var error = Assert.Throws<CgroupException>(() => host.Create("/containerps/c1", null));

        Assert.Equal(CgroupErrorIds.Exists, error.ErrorId);
    }

    [Fact]
    public void A_limit_whose_controller_is_not_enabled_fails_with_controller_missing()
    {
        using var kernel = new FakeV2Kernel(rootControllers: "cpu memory");
        var host = CgroupHost.Detect(kernel.Root, "");
        host.DirectoryCreated = kernel.DirectoryCreated;

        var error = Assert.Throws<CgroupException>(() => host.Create("/c1", Limits(pids: 10)));

        Assert.Equal(CgroupErrorIds.ControllerMissing, error.ErrorId);
    }

    [Theory]
    [InlineData(100L << 20, 50L << 20)] // memory+swap below memory
    [InlineData(null, 50L << 20)]       // swap without memory
    [InlineData(-1L, 50L << 20)]        // swap with unlimited memory
    public void Contradictory_memory_limits_fail_before_anything_is_created(long? memory, long? swap)
    {
        var error = Assert.Throws<CgroupException>(() => Host().Create("/containerps/c1", Limits(memory: memory, swap: swap)));

        Assert.Equal(CgroupErrorIds.InvalidLimit, error.ErrorId);
        Assert.False(Directory.Exists(Path.Combine(_kernel.Root, "containerps")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("containerps/c1")]
    [InlineData("/")]
    [InlineData("/containerps/../c1")]
    [InlineData("/containerps/./c1")]
    [InlineData("/containerps/..")]
    public void Paths_that_are_not_plain_absolute_paths_are_refused(string path)
    {
        var error = Assert.Throws<CgroupException>(() => Host().Create(path, null));

        Assert.Equal(CgroupErrorIds.InvalidPath, error.ErrorId);
    }

    [Fact]
    public void ReadStats_parses_the_v2_interface_files()
    {
        var cgroup = Host().Create("/c1", null);
        _kernel.Set("c1/cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 0\n");
        _kernel.Set("c1/memory.current", "10485760\n");
        _kernel.Set("c1/memory.stat", "anon 8388608\nfile 2097152\ninactive_file 1048576\nactive_file 1048576\n");
        _kernel.Set("c1/memory.max", "20971520\n");
        _kernel.Set("c1/pids.current", "3\n");
        _kernel.Set("c1/pids.max", "max\n");
        _kernel.Set("c1/io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n253:0 rbytes=100 wbytes=200 rios=1 wios=1 dbytes=0 dios=0\n");

        var stats = cgroup.ReadStats();

        Assert.Equal(1_500_000UL, stats.CpuUsageNanoseconds);
        Assert.Equal(10485760UL, stats.MemoryUsage);
        Assert.Equal(1048576UL, stats.MemoryInactiveFile);
        Assert.Equal(9437184UL, stats.MemoryWorkingSet);
        Assert.Equal(20971520UL, stats.MemoryLimit);
        Assert.Equal(3UL, stats.PidsCurrent);
        Assert.Null(stats.PidsLimit);
        Assert.Equal(4196UL, stats.BlockReadBytes);
        Assert.Equal(8392UL, stats.BlockWriteBytes);
    }

    [Fact]
    public void The_working_set_is_never_negative()
    {
        var cgroup = Host().Create("/c1", null);
        _kernel.Set("c1/memory.current", "100\n");
        _kernel.Set("c1/memory.stat", "inactive_file 4096\n");

        var stats = cgroup.ReadStats();

        Assert.Equal(0UL, stats.MemoryWorkingSet);
        Assert.Null(stats.MemoryLimit);
    }

    [Theory]
    [InlineData("low 0\nhigh 0\nmax 12\noom 1\noom_kill 0\n", false)]
    [InlineData("low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n", true)]
    public void OomKilled_reads_oom_kill_from_memory_events(string events, bool expected)
    {
        var cgroup = Host().Create("/c1", null);
        _kernel.Set("c1/memory.events", events);

        Assert.Equal(expected, cgroup.OomKilled());
    }

    [Fact]
    public void AddProcess_and_Processes_use_cgroup_procs()
    {
        var cgroup = Host().Create("/c1", null);

        cgroup.AddProcess(4242);

        Assert.Equal("4242", _kernel.Read("c1/cgroup.procs"));
        Assert.Equal([4242], cgroup.Processes());
    }

    [Fact]
    public void Open_finds_an_existing_cgroup_and_refuses_a_missing_one()
    {
        var host = Host();
        var created = host.Create("/containerps/c1", null);

        Assert.Equal(created.Directories, host.Open("/containerps/c1").Directories);
        Assert.Equal(CgroupErrorIds.NotFound, Assert.Throws<CgroupException>(() => host.Open("/containerps/c2")).ErrorId);
    }
}
