using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// The rest of linux.resources (config-linux.md, "Control groups") and linux.cgroupsPath forms, read back from the
/// created container's cgroup as the runtime-tools validation reads them. cgroup v1 hosts only (the v2 writers are
/// unit-tested in ContainerPS.Runtime.Tests); each test skips what the host's kernel lacks.
/// </summary>
public sealed class SpecResourcesTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    private static bool V1 => Directory.Exists("/sys/fs/cgroup/memory");

    private string Create(ResourcesSpec resources, string? cgroupsPath = null)
    {
        var spec = BusyboxBundle.DefaultSpec("sleep 60");
        _bundle.Write(spec with { Linux = spec.Linux with { Resources = resources, CgroupsPath = cgroupsPath } });
        string id = _shim.NewId();
        var result = _shim.Invoke("create", "--bundle", _bundle.Path, id);
        Assert.True(result.ExitCode == 0, result.ToString());
        return id;
    }

    [Fact]
    public void Memory_reservation_swappiness_kernel_tcp_and_the_oom_killer_switch_are_written()
    {
        if (!V1) return;
        string id = Create(new ResourcesSpec
        {
            Memory = new MemorySpec { Limit = 64 << 20, Reservation = 32 << 20, KernelTcp = 16 << 20, Swappiness = 10, DisableOomKiller = true },
        });
        string memory = $"/sys/fs/cgroup/memory/containerps/{id}";

        Assert.Equal("33554432", Read(memory, "memory.soft_limit_in_bytes"));
        Assert.Equal("16777216", Read(memory, "memory.kmem.tcp.limit_in_bytes"));
        Assert.Equal("10", Read(memory, "memory.swappiness"));
        Assert.Contains("oom_kill_disable 1", Read(memory, "memory.oom_control"));
    }

    [Fact]
    public void Cpus_mems_and_the_realtime_period_are_written_and_the_container_runs_on_those_cpus()
    {
        if (!V1) return;
        string id = Create(new ResourcesSpec { Cpu = new CpuSpec { Cpus = "0", Mems = "0", RealtimePeriod = 1000000 } });

        Assert.Equal("0", Read($"/sys/fs/cgroup/cpuset/containerps/{id}", "cpuset.cpus"));
        Assert.Equal("0", Read($"/sys/fs/cgroup/cpuset/containerps/{id}", "cpuset.mems"));
        Assert.Equal("1000000", Read($"/sys/fs/cgroup/cpu/containerps/{id}", "cpu.rt_period_us"));
        int pid = _shim.State(id).Pid;
        Assert.Contains("Cpus_allowed_list:\t0", File.ReadAllText($"/proc/{pid}/status"));
    }

    [Fact]
    public void Without_cpus_the_new_cpuset_cgroup_inherits_its_parents_so_the_container_can_join_it()
    {
        if (!V1) return;
        string id = Create(new ResourcesSpec());

        string parent = Read("/sys/fs/cgroup/cpuset/containerps", "cpuset.cpus");
        Assert.Equal(parent, Read($"/sys/fs/cgroup/cpuset/containerps/{id}", "cpuset.cpus"));
        Assert.Contains(_shim.State(id).Pid.ToString(), File.ReadAllLines($"/sys/fs/cgroup/cpuset/containerps/{id}/cgroup.procs"));
    }

    [Fact]
    public void Block_io_throttles_are_written_per_device()
    {
        if (!V1) return;
        var (major, minor) = BlockDevice();
        string id = Create(new ResourcesSpec
        {
            BlockIo = new BlockIoSpec
            {
                ThrottleReadBpsDevice = [new() { Major = major, Minor = minor, Rate = 1048576 }],
                ThrottleWriteIopsDevice = [new() { Major = major, Minor = minor, Rate = 100 }],
            },
        });

        Assert.Equal($"{major}:{minor} 1048576", Read($"/sys/fs/cgroup/blkio/containerps/{id}", "blkio.throttle.read_bps_device"));
        Assert.Equal($"{major}:{minor} 100", Read($"/sys/fs/cgroup/blkio/containerps/{id}", "blkio.throttle.write_iops_device"));
    }

    [Fact]
    public void A_limit_whose_controller_the_host_lacks_fails_the_create_and_leaves_no_cgroup()
    {
        if (!V1 || Directory.Exists("/sys/fs/cgroup/net_cls")) return;
        var spec = BusyboxBundle.DefaultSpec("true");
        _bundle.Write(spec with { Linux = spec.Linux with { Resources = new ResourcesSpec { Network = new NetworkResourcesSpec { ClassId = 0x100001 } } } });
        string id = _shim.NewId();

        var result = _shim.Invoke("create", "--bundle", _bundle.Path, id);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("net_cls", result.Stderr);
        Assert.Empty(Shim.CgroupDirectories(id));
    }

    [Fact]
    public void Unified_on_a_v1_host_fails_the_create()
    {
        if (!V1) return;
        var spec = BusyboxBundle.DefaultSpec("true");
        _bundle.Write(spec with { Linux = spec.Linux with { Resources = new ResourcesSpec { Unified = new() { ["memory.high"] = "1000000" } } } });

        var result = _shim.Invoke("create", "--bundle", _bundle.Path, _shim.NewId());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("needs cgroup v2", result.Stderr);
    }

    [Fact]
    public void A_relative_cgroups_path_is_placed_below_each_hierarchys_root()
    {
        string relative = $"cps-relative-{Guid.NewGuid():N}/container";
        string id = Create(new ResourcesSpec(), relative);
        try
        {
            int pid = _shim.State(id).Pid;
            var lines = File.ReadAllLines($"/proc/{pid}/cgroup");
            Assert.Contains(lines, l => l.EndsWith($":/{relative}", StringComparison.Ordinal) && (l.Contains(":memory:") || l.StartsWith("0::", StringComparison.Ordinal)));
        }
        finally
        {
            _shim.Invoke("delete", "--force", id);
            foreach (string root in Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup"))
            {
                string parent = Path.Combine(root, relative.Split('/')[0]);
                if (Directory.Exists(parent)) Directory.Delete(parent);
            }
        }
    }

    private static string Read(string directory, string file) => File.ReadAllText(Path.Combine(directory, file)).Trim();

    /// <summary>The first whole disk (or the device of /) as major:minor, for throttle rules the kernel accepts.</summary>
    private static (long, long) BlockDevice()
    {
        string device = Directory.GetDirectories("/sys/block").Select(d => Path.Combine(d, "dev")).First(File.Exists);
        var parts = File.ReadAllText(device).Trim().Split(':');
        return (long.Parse(parts[0]), long.Parse(parts[1]));
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
