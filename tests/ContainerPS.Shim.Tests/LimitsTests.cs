using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>cgroup limits applied before the container runs anything (issue 3: -Memory, -PidsLimit).</summary>
public sealed class LimitsTests : IDisposable
{
    private const string Allocate100MB = "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived ${#x}";
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    private static RuntimeSpec WithResources(string script, ResourcesSpec resources)
    {
        var spec = BusyboxBundle.DefaultSpec(script);
        return spec with { Linux = spec.Linux with { Resources = resources } };
    }

    [Fact]
    public void A_process_allocating_100MB_under_a_20MB_limit_is_OOM_killed_with_exit_137()
    {
        var result = _shim.RunSpec(_bundle, WithResources(Allocate100MB, new ResourcesSpec { Memory = new MemorySpec { Limit = 20 * 1024 * 1024 } }), out string id);
        Assert.Equal(137, result.ExitCode);
        var state = _shim.State(id);
        Assert.Equal(137, state.ExitCode);
        Assert.True(state.OomKilled);
    }

    [Fact]
    public void The_same_process_under_a_large_limit_survives_and_is_not_reported_OOM_killed()
    {
        var result = _shim.RunSpec(_bundle, WithResources(Allocate100MB, new ResourcesSpec { Memory = new MemorySpec { Limit = 1024L * 1024 * 1024 } }), out string id);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["survived 100000000"], result.Lines);
        Assert.False(_shim.State(id).OomKilled);
    }

    [Fact]
    public void A_fork_bomb_is_contained_by_the_pids_limit_while_the_host_can_still_fork()
    {
        // The forking subshell dies at the first failed fork (sh exits on it); the count uses builtins only, since
        // with the pids exhausted no program could be started.
        const string bomb = "(i=0; while [ $i -lt 200 ]; do sleep 60 & i=$((i+1)); done) 2>/dev/null; n=0; for p in /proc/[0-9]*; do n=$((n+1)); done; echo $n";
        var result = _shim.RunSpec(_bundle, WithResources(bomb, new ResourcesSpec { Pids = new PidsSpec { Limit = 20 } }), out _);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.InRange(int.Parse(result.Lines[^1]), 2, 20);
        Assert.Equal(0, Shim.Execute("/bin/true", []).ExitCode);
    }

    [Fact]
    public void Limits_are_written_to_the_containers_cgroup()
    {
        var spec = WithResources("sleep 60", new ResourcesSpec
        {
            Memory = new MemorySpec { Limit = 64 * 1024 * 1024 },
            Pids = new PidsSpec { Limit = 33 },
            Cpu = new CpuSpec { Quota = 50000, Period = 100000 },
        });
        _bundle.Write(spec);
        string id = _shim.NewId();
        Assert.Equal(0, _shim.Invoke("create", "--bundle", _bundle.Path, id).ExitCode);
        var directories = Shim.CgroupDirectories(id);
        string Read(string file) => File.ReadAllText(directories.Select(d => Path.Combine(d, file)).First(File.Exists)).Trim();
        bool v2 = File.Exists("/sys/fs/cgroup/cgroup.controllers") && !Directory.Exists("/sys/fs/cgroup/memory");
        Assert.Equal(v2 ? "67108864" : "67108864", Read(v2 ? "memory.max" : "memory.limit_in_bytes"));
        Assert.Equal("33", Read("pids.max"));
        Assert.Equal(v2 ? "50000 100000" : "50000", Read(v2 ? "cpu.max" : "cpu.cfs_quota_us"));
        int pid = _shim.State(id).Pid;
        Assert.All(directories, d => Assert.Contains(pid.ToString(), File.ReadAllLines(Path.Combine(d, "cgroup.procs"))));
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
