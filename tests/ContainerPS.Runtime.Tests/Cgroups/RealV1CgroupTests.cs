using System.Diagnostics;
using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>The real kernel on this host (cgroup v1, hybrid): real limits, real processes, a real OOM kill.</summary>
public sealed class RealV1CgroupTests : IDisposable
{
    private const long TwentyMegabytes = 20L << 20;

    private readonly RealCgroupScope _scope = new();

    public void Dispose() => _scope.Dispose();

    private static ResourcesSpec MemoryLimit(long bytes) => new() { Memory = new MemorySpec { Limit = bytes, Swap = bytes } };

    private static string ReadFile(Cgroup cgroup, string file) =>
        File.ReadAllText(cgroup.Directories.Select(d => Path.Combine(d, file)).Single(File.Exists)).Trim();

    [Fact]
    public void Create_makes_the_cgroup_in_every_hierarchy_and_the_kernel_holds_the_limits()
    {
        var limits = new ResourcesSpec
        {
            Memory = new MemorySpec { Limit = TwentyMegabytes, Swap = 2 * TwentyMegabytes },
            Cpu = new CpuSpec { Quota = 50000, Period = 100000, Shares = 512 },
            Pids = new PidsSpec { Limit = 5 },
        };

        var cgroup = _scope.Host.Create(_scope.PathOf("limits"), limits);

        Assert.Equal(8, cgroup.Directories.Count); // memory, cpu, cpuacct, pids, blkio, devices, freezer, cpuset are separate mounts here
        Assert.All(cgroup.Directories, d => Assert.True(Directory.Exists(d)));
        Assert.Equal("20971520", ReadFile(cgroup, "memory.limit_in_bytes"));
        Assert.Equal("41943040", ReadFile(cgroup, "memory.memsw.limit_in_bytes"));
        Assert.Equal("100000", ReadFile(cgroup, "cpu.cfs_period_us"));
        Assert.Equal("50000", ReadFile(cgroup, "cpu.cfs_quota_us"));
        Assert.Equal("512", ReadFile(cgroup, "cpu.shares"));
        Assert.Equal("5", ReadFile(cgroup, "pids.max"));
    }

    [Fact]
    public void Creating_it_twice_fails_and_leaves_the_first_intact()
    {
        var first = _scope.Host.Create(_scope.PathOf("twice"), MemoryLimit(TwentyMegabytes));

        var error = Assert.Throws<CgroupException>(() => _scope.Host.Create(_scope.PathOf("twice"), null));

        Assert.Equal(CgroupErrorIds.Exists, error.ErrorId);
        Assert.All(first.Directories, d => Assert.True(Directory.Exists(d)));
        Assert.Equal("20971520", ReadFile(first, "memory.limit_in_bytes"));
    }

    [Fact]
    public void A_value_the_kernel_rejects_fails_with_write_failed_naming_the_file_and_leaves_nothing()
    {
        // The kernel refuses a CFS period below 1 ms with EINVAL.
        var limits = new ResourcesSpec { Cpu = new CpuSpec { Period = 10 } };

        var error = Assert.Throws<CgroupException>(() => _scope.Host.Create(_scope.PathOf("rejected"), limits));

        Assert.Equal(CgroupErrorIds.WriteFailed, error.ErrorId);
        Assert.EndsWith("cpu.cfs_period_us", error.Target);
        Assert.Equal(22, error.Errno); // EINVAL
        Assert.All(_scope.ParentDirectories, p => Assert.False(Directory.Exists(Path.Combine(p, "rejected"))));
    }

    [Fact]
    public void A_process_added_is_listed_and_KillAll_then_Remove_leave_nothing()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("sleep"), null);
        using var sleep = Process.Start("/bin/sleep", "600");

        cgroup.AddProcess(sleep.Id);

        Assert.Equal([sleep.Id], cgroup.Processes());
        Assert.Equal(1UL, cgroup.ReadStats().PidsCurrent);

        cgroup.KillAll();
        sleep.WaitForExit();
        cgroup.Remove();

        Assert.Equal(137, sleep.ExitCode);
        Assert.Empty(cgroup.Processes());
        Assert.All(cgroup.Directories, d => Assert.False(Directory.Exists(d)));
    }

    [Fact]
    public async Task KillAll_kills_children_forked_inside_the_cgroup_too()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("tree"), null);
        using var shell = new BlockedShell("sleep 600 & sleep 600 & wait");
        cgroup.AddProcess(shell.Pid);
        var exited = Task.Run(shell.ReleaseAndWait);
        while (cgroup.Processes().Count < 3)
        {
            Thread.Sleep(10); // the two sleeps are forked once the shell reads its line
        }

        cgroup.KillAll();

        Assert.Equal(137, await exited);
        Assert.Empty(cgroup.Processes());
        cgroup.Remove();
        Assert.All(cgroup.Directories, d => Assert.False(Directory.Exists(d)));
    }

    [Fact]
    public void ReadStats_reports_the_cpu_time_and_memory_of_work_done_inside_the_cgroup()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("busy"), MemoryLimit(256L << 20));
        var before = cgroup.ReadStats();
        using var shell = new BlockedShell("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; x=$(head -c 4000000 /dev/zero | tr '\\0' a); echo ${#x}");
        cgroup.AddProcess(shell.Pid);

        int exitCode = shell.ReleaseAndWait();
        var after = cgroup.ReadStats();

        Assert.Equal(0, exitCode);
        Assert.Equal("4000000\n", shell.StandardOutput);
        Assert.Equal(0UL, before.CpuUsageNanoseconds);
        Assert.True(after.CpuUsageNanoseconds > before.CpuUsageNanoseconds);
        Assert.Equal(256UL << 20, after.MemoryLimit);
        Assert.Null(after.PidsLimit);
        Assert.True(after.Timestamp >= before.Timestamp);
    }

    [Fact]
    public void A_process_over_its_memory_limit_is_OOM_killed_and_OomKilled_says_so()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("oom"), MemoryLimit(TwentyMegabytes));
        using var shell = new BlockedShell("x=$(head -c 100000000 /dev/zero | tr '\\0' a)");
        cgroup.AddProcess(shell.Pid);

        int exitCode = shell.ReleaseAndWait();

        Assert.Equal(137, exitCode);
        Assert.True(cgroup.OomKilled());
    }

    [Fact]
    public void The_same_process_under_a_large_limit_is_not_OOM_killed()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("no-oom"), MemoryLimit(1L << 30));
        using var shell = new BlockedShell("x=$(head -c 100000000 /dev/zero | tr '\\0' a)");
        cgroup.AddProcess(shell.Pid);

        int exitCode = shell.ReleaseAndWait();

        Assert.Equal(0, exitCode);
        Assert.False(cgroup.OomKilled());
    }

    [Fact]
    public void A_pids_limit_stops_forks_beyond_it()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("pids"), new ResourcesSpec { Pids = new PidsSpec { Limit = 5 } });
        using var shell = new BlockedShell("for i in 1 2 3 4 5 6 7 8; do sleep 600 </dev/null >/dev/null 2>&1 & done; echo all-forked");
        cgroup.AddProcess(shell.Pid);

        int exitCode = shell.ReleaseAndWait();

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("all-forked", shell.StandardOutput);
        Assert.Contains("can't fork", shell.StandardError);
        Assert.Equal(4, cgroup.Processes().Count); // the shell and four sleeps filled the five; the shell has exited
        Assert.Equal(5UL, cgroup.ReadStats().PidsLimit);
        cgroup.KillAll();
        cgroup.Remove();
    }

    [Fact]
    public void Open_finds_a_created_cgroup_and_a_missing_one_is_not_found()
    {
        var created = _scope.Host.Create(_scope.PathOf("open"), null);

        var opened = _scope.Host.Open(_scope.PathOf("open"));

        Assert.Equal(created.Directories, opened.Directories);
        Assert.Equal(CgroupErrorIds.NotFound, Assert.Throws<CgroupException>(() => _scope.Host.Open(_scope.PathOf("missing"))).ErrorId);
    }

    [Fact]
    public void Removing_a_cgroup_twice_is_fine_and_its_stats_then_report_not_found()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("gone"), null);

        cgroup.Remove();
        cgroup.Remove();

        Assert.Equal(CgroupErrorIds.NotFound, Assert.Throws<CgroupException>(() => cgroup.ReadStats()).ErrorId);
        Assert.False(cgroup.OomKilled());
    }

    [Fact]
    public void Removing_a_cgroup_with_a_live_process_fails_with_remove_failed()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("busy-remove"), null);
        using var sleep = Process.Start("/bin/sleep", "600");
        cgroup.AddProcess(sleep.Id);

        var error = Assert.Throws<CgroupException>(cgroup.Remove);

        Assert.Equal(CgroupErrorIds.RemoveFailed, error.ErrorId);
        Assert.Equal(16, error.Errno); // EBUSY, after the retries
        cgroup.KillAll();
        sleep.WaitForExit();
    }
}
