using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>
/// The cgroup v2 device filter on this hybrid host's real cgroup2 mount (/sys/fs/cgroup/unified, which carries no
/// controllers but does run cgroup eBPF programs): a process moved there is held to the allow-list.
/// </summary>
public sealed class RealV2DeviceFilterTests : IDisposable
{
    private const string UnifiedMount = "/sys/fs/cgroup/unified";

    private readonly string _parent = "/containerps-test-" + Guid.NewGuid().ToString("N");
    private readonly CgroupHost _host = CgroupHost.Detect(UnifiedMount);

    public void Dispose()
    {
        foreach (var child in Directory.Exists(UnifiedMount + _parent) ? Directory.GetDirectories(UnifiedMount + _parent) : [])
        {
            var cgroup = _host.Open(_parent + "/" + Path.GetFileName(child));
            cgroup.KillAll();
            cgroup.Remove();
        }

        if (Directory.Exists(UnifiedMount + _parent))
        {
            Directory.Delete(UnifiedMount + _parent);
        }
    }

    private (int ExitCode, string Output) RunIn(ResourcesSpec limits, string script)
    {
        Assert.Equal(CgroupVersion.V2, _host.Version);
        var cgroup = _host.Create(_parent + "/devices", limits);
        using var shell = new BlockedShell("{ " + script + "; } 2>&1");
        cgroup.AddProcess(shell.Pid);
        return (shell.ReleaseAndWait(), shell.StandardOutput);
    }

    /// <summary>The test runs as root with every capability: EPERM is the filter's (this kernel would say ENXIO).</summary>
    [Fact]
    public void Docker_s_default_list_allows_the_standard_devices_and_mknod_but_not_opening_other_nodes()
    {
        string node = Path.Combine(Path.GetTempPath(), "cps-mem-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, output) = RunIn(new ResourcesSpec { Devices = DefaultDevices.Rules() },
                $"cat /dev/null && head -c 2 /dev/zero | wc -c && echo -n x > /dev/null && mknod {node} c 1 1 && echo made; " +
                $"head -c 1 {node} >/dev/null; echo status $?");

            Assert.Equal(0, exitCode);
            Assert.Equal(["2", "made", $"head: {node}: Operation not permitted", "status 1"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(node);
        }
    }

    [Fact]
    public void An_access_the_rule_does_not_grant_is_refused()
    {
        List<DeviceRuleSpec> rules =
        [
            new() { Allow = false, Type = "a" },
            new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "r" },
        ];

        var (_, output) = RunIn(new ResourcesSpec { Devices = rules }, "cat /dev/null && echo read; echo -n x > /dev/null; echo status $?");

        Assert.Equal("read", output.Split('\n')[0]);
        Assert.Contains("Operation not permitted", output);
        Assert.EndsWith("status 1\n", output);
    }

    [Fact]
    public void A_list_that_is_not_deny_all_then_allows_fails_with_invalid_limit_and_leaves_nothing()
    {
        List<DeviceRuleSpec> rules = [new() { Allow = true, Type = "c", Major = 1, Minor = 3 }];

        var error = Assert.Throws<CgroupException>(() => _host.Create(_parent + "/shape", new ResourcesSpec { Devices = rules }));

        Assert.Equal(CgroupErrorIds.InvalidLimit, error.ErrorId);
        Assert.False(Directory.Exists(UnifiedMount + _parent + "/shape"));
    }
}
