using System.Diagnostics;
using System.Text.Json;
using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// `update` (runc-update(8)) and `events` (runc-events(8)) on live containers, runc 1.1 as the oracle for update:
/// the same bundle and the same options must leave the same values in the cgroup files. cgroup v1 here; the v2
/// writers are run by tests/cgroup2/run-shim-v2.sh in the v2 VM.
/// </summary>
public sealed class UpdateEventsTests : IDisposable
{
    private const long Mebibyte = 1 << 20;
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();
    private readonly string _runcRoot = Directory.CreateTempSubdirectory("cps-runc-").FullName;
    private readonly List<string> _runcIds = [];

    public void Dispose()
    {
        foreach (string id in _runcIds) Shim.Execute("runc", ["--root", _runcRoot, "delete", "--force", id]);
        Directory.Delete(_runcRoot, recursive: true);
        _shim.Dispose();
        _bundle.Dispose();
    }

    private static RuntimeSpec Limited(string script, string cgroupsPath)
    {
        var spec = BusyboxBundle.DefaultSpec(script);
        return spec with
        {
            // runc cannot raise RLIMIT_NOFILE's hard limit without CAP_SYS_RESOURCE: none for either runtime.
            Process = spec.Process with { Rlimits = [] },
            Linux = spec.Linux with
            {
                CgroupsPath = cgroupsPath,
                Resources = new ResourcesSpec
                {
                    Memory = new MemorySpec { Limit = 64 * Mebibyte },
                    Cpu = new CpuSpec { Quota = 50000, Period = 100000, Shares = 1024 },
                    Pids = new PidsSpec { Limit = 100 },
                },
            },
        };
    }

    /// <summary>A running container of each runtime from the same spec; returns (ours, runc's) ids.</summary>
    private (string Ours, string Runc) StartBoth(string script)
    {
        string ours = _shim.NewId(), runc = "r" + ours;
        _runcIds.Add(runc);
        _bundle.Write(Limited(script, $"/cps-update/{ours}"));
        Assert.Equal(0, _shim.Invoke("create", "--bundle", _bundle.Path, ours).ExitCode);
        Assert.Equal(0, _shim.Invoke("start", ours).ExitCode);
        _bundle.Write(Limited(script, $"/cps-update/{runc}"));
        var created = Shim.Execute("runc", ["--root", _runcRoot, "create", "--bundle", _bundle.Path, runc]);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(0, Shim.Execute("runc", ["--root", _runcRoot, "start", runc]).ExitCode);
        return (ours, runc);
    }

    private static string Read(string controller, string id, string file) =>
        File.ReadAllText($"/sys/fs/cgroup/{controller}/cps-update/{id}/{file}").Trim();

    private static readonly (string Controller, string File)[] UpdatedFiles =
    [
        ("memory", "memory.limit_in_bytes"), ("memory", "memory.soft_limit_in_bytes"), ("memory", "memory.memsw.limit_in_bytes"),
        ("cpu", "cpu.cfs_quota_us"), ("cpu", "cpu.cfs_period_us"), ("cpu", "cpu.shares"), ("pids", "pids.max"), ("cpuset", "cpuset.cpus"),
    ];

    private void AssertSameFiles(string ours, string runc)
    {
        foreach (var (controller, file) in UpdatedFiles) Assert.Equal((file, Read(controller, runc, file)), (file, Read(controller, ours, file)));
    }

    [Fact]
    public void Update_by_options_leaves_the_cgroup_as_runc_s_update_does()
    {
        var (ours, runc) = StartBoth("sleep 60");
        string[] options = ["--memory", "32m", "--memory-reservation", "16m", "--memory-swap", "96m", "--cpu-period", "200000",
            "--cpu-share", "512", "--pids-limit", "50", "--cpuset-cpus", "0"];

        var result = _shim.Invoke(["update", .. options, ours]);
        var oracle = Shim.Execute("runc", ["--root", _runcRoot, "update", .. options, runc]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(oracle.ExitCode == 0, oracle.ToString());
        AssertSameFiles(ours, runc);
        Assert.Equal("33554432", Read("memory", ours, "memory.limit_in_bytes"));
        Assert.Equal("50000", Read("cpu", ours, "cpu.cfs_quota_us")); // --cpu-period alone keeps the quota in force
        Assert.Equal("50", Read("pids", ours, "pids.max"));
    }

    [Fact]
    public void Update_by_resources_on_stdin_as_containerd_passes_them_then_a_second_update_keeps_the_first()
    {
        var (ours, runc) = StartBoth("sleep 60");
        const string resources = """{"memory":{"limit":41943040,"swap":83886080},"cpu":{"quota":30000},"pids":{"limit":20}}""";

        foreach (var (program, root, id) in new[] { (ShimBinary.Path, _shim.Root, ours), ("runc", _runcRoot, runc) })
        {
            var first = Shim.Execute(program, ["--root", root, "update", "--resources", "-", id], stdin => stdin.Write(System.Text.Encoding.UTF8.GetBytes(resources)));
            Assert.True(first.ExitCode == 0, first.ToString());
            var second = Shim.Execute(program, ["--root", root, "update", "--cpu-share", "256", id]);
            Assert.True(second.ExitCode == 0, second.ToString());
        }

        AssertSameFiles(ours, runc);
        Assert.Equal(("41943040", "30000", "256", "20"),
            (Read("memory", ours, "memory.limit_in_bytes"), Read("cpu", ours, "cpu.cfs_quota_us"), Read("cpu", ours, "cpu.shares"), Read("pids", ours, "pids.max")));
    }

    [Fact]
    public void An_allocation_that_fit_is_killed_once_update_lowers_the_memory_limit()
    {
        var (ours, _) = StartBoth("sleep 60");
        string[] allocate = ["exec", ours, "dd", "if=/dev/zero", "of=/dev/null", "bs=33554432", "count=1"]; // a 32 MiB buffer

        Assert.Equal(0, _shim.Invoke(allocate).ExitCode);
        Assert.Equal(0, _shim.Invoke("update", "--memory", "16m", "--memory-swap", "16m", ours).ExitCode);
        var after = _shim.Invoke(allocate);

        Assert.True(after.ExitCode == 137, after.ToString()); // SIGKILL from the OOM killer
        Assert.Contains("oom_kill 1", Read("memory", ours, "memory.oom_control"));
    }

    [Fact]
    public void Update_of_a_stopped_container_is_refused_in_runc_s_words()
    {
        string id = _shim.NewId();
        _bundle.Write(Limited("true", $"/cps-update/{id}"));
        Assert.Equal(0, _shim.Invoke("create", "--start", "--bundle", _bundle.Path, id).ExitCode);
        _shim.WaitFor(id, "stopped");

        var result = _shim.Invoke("update", "--memory", "32m", id);

        Assert.Equal(SupervisorExitCodes.WrongState, result.ExitCode);
        Assert.Contains("container not running", result.Stderr);
    }

    [Theory]
    [InlineData("--memroy", "32m", 2, "unknown option --memroy")]
    [InlineData("--memory", "12x", 2, "--memory: '12x' is not a size")]
    [InlineData("--cpu-period", "-5", 2, "--cpu-period: '-5' is not a non-negative number")]
    [InlineData("--blkio-weight", "5", 2, "not a weight from 10 to 1000")]
    [InlineData("--resources", "/no/such/file", 2, "--resources /no/such/file")]
    [InlineData("--l3-cache-schema", "L3:0=f", 7, "needs Intel RDT")]
    public void Bad_update_input_fails_with_one_line_and_changes_nothing(string option, string value, int exitCode, string message)
    {
        var (ours, _) = StartBoth("sleep 60");

        var result = _shim.Invoke("update", option, value, ours);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // no .NET stack trace
        Assert.Equal("67108864", Read("memory", ours, "memory.limit_in_bytes"));
    }

    [Fact]
    public void Resources_that_are_not_json_fail_as_usage()
    {
        var (ours, _) = StartBoth("sleep 60");
        var result = Shim.Execute(ShimBinary.Path, ["--root", _shim.Root, "update", "--resources", "-", ours], stdin => stdin.Write("{memory"u8));
        Assert.Equal(SupervisorExitCodes.Usage, result.ExitCode);
        Assert.Contains("is not a linux.resources object", result.Stderr);
    }

    [Fact]
    public void Events_stats_gives_one_stats_event_with_the_cgroup_s_counters()
    {
        var (ours, _) = StartBoth("sleep 60");

        var result = _shim.Invoke("events", "--stats", ours);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(Assert.Single(result.Lines));
        var root = document.RootElement;
        Assert.Equal(("stats", ours), (root.GetProperty("type").GetString(), root.GetProperty("id").GetString()));
        var data = root.GetProperty("data");
        Assert.True(data.GetProperty("memory").GetProperty("usage").GetProperty("usage").GetUInt64() > 0);
        Assert.Equal(64UL << 20, data.GetProperty("memory").GetProperty("usage").GetProperty("limit").GetUInt64());
        Assert.True(data.GetProperty("pids").GetProperty("current").GetUInt64() >= 1);
        Assert.Equal(100UL, data.GetProperty("pids").GetProperty("limit").GetUInt64());
        Assert.True(data.GetProperty("cpu").GetProperty("usage").GetProperty("total").GetUInt64() > 0);
    }

    [Fact]
    public void Events_streams_stats_every_interval_and_an_oom_event_and_ends_with_the_container()
    {
        var (ours, _) = StartBoth("sleep 60");
        using var events = Process.Start(new ProcessStartInfo(ShimBinary.Path, ["--root", _shim.Root, "events", "--interval", "200ms", ours])
        {
            RedirectStandardOutput = true,
        })!;
        var types = new List<string>();
        string NextType()
        {
            string line = events.StandardOutput.ReadLine() ?? throw new Xunit.Sdk.XunitException($"events ended early after {string.Join(',', types)}");
            using var document = JsonDocument.Parse(line);
            types.Add(document.RootElement.GetProperty("type").GetString()!);
            return types[^1];
        }

        Assert.Equal(("stats", "stats"), (NextType(), NextType()));
        // Over the limit in the container's cgroup: the OOM killer kills the exec'd process, and events says so.
        Assert.Equal(137, _shim.Invoke("exec", ours, "dd", "if=/dev/zero", "of=/dev/null", "bs=134217728", "count=1").ExitCode);
        while (NextType() != "oom" && types.Count < 600) { } // bounded: 600 stats events are two minutes
        Assert.Equal("oom", types[^1]);
        Assert.Equal(0, _shim.Invoke("kill", ours, "KILL").ExitCode);

        Assert.True(events.WaitForExit(TimeSpan.FromMinutes(1)), "events did not end with the container");
        Assert.Equal(0, events.ExitCode);
    }

    [Fact]
    public void Events_of_a_container_that_does_not_exist_fails_as_not_found()
    {
        Assert.Equal(SupervisorExitCodes.NotFound, _shim.Invoke("events", "--stats", "nosuch").ExitCode);
        Assert.Equal(SupervisorExitCodes.Usage, _shim.Invoke("events", "--interval", "soon", "nosuch").ExitCode);
    }
}
