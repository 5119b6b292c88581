using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>The v1 devices controller on this host (cgroup-v1/devices.rst): what the kernel holds after Create.</summary>
public sealed class RealV1DeviceTests : IDisposable
{
    private readonly RealCgroupScope _scope = new();

    public void Dispose() => _scope.Dispose();

    private static string DevicesList(Cgroup cgroup) =>
        File.ReadAllText(cgroup.Directories.Select(d => Path.Combine(d, "devices.list")).Single(File.Exists));

    [Fact]
    public void Docker_s_default_list_leaves_exactly_the_allowed_rules_in_devices_list()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("defaults"), new ResourcesSpec { Devices = DefaultDevices.Rules() });

        string[] expected =
        [
            "c *:* m", "b *:* m", "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", "c 5:0 rwm",
            "c 5:1 rwm", "c 5:2 rwm", "c 136:* rwm", "c 10:200 rwm",
        ];
        Assert.Equal(expected, DevicesList(cgroup).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Without_device_rules_the_cgroup_keeps_what_it_inherits()
    {
        var cgroup = _scope.Host.Create(_scope.PathOf("inherit"), null);

        Assert.Equal("a *:* rwm\n", DevicesList(cgroup));
    }

    [Fact]
    public void Rules_are_applied_in_order_so_a_later_deny_removes_an_earlier_allow()
    {
        List<DeviceRuleSpec> rules =
        [
            new() { Allow = false, Type = "a" },
            new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
            new() { Allow = true, Type = "c", Major = 1, Minor = 5, Access = "rw" },
            new() { Allow = false, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
        ];

        var cgroup = _scope.Host.Create(_scope.PathOf("ordered"), new ResourcesSpec { Devices = rules });

        Assert.Equal("c 1:5 rw\n", DevicesList(cgroup));
    }

    public static TheoryData<DeviceRuleSpec> InvalidRules => new()
    {
        new DeviceRuleSpec { Allow = true, Type = "p", Major = 1, Minor = 3 },
        new DeviceRuleSpec { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwx" },
        new DeviceRuleSpec { Allow = true, Type = "c", Major = -1, Minor = 3 },
        new DeviceRuleSpec { Allow = true, Type = "a", Access = "r" }, // the kernel would read it as allow-everything
        new DeviceRuleSpec { Allow = false, Type = "a", Major = 8 },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void An_invalid_rule_fails_with_invalid_limit_before_anything_is_created(DeviceRuleSpec rule)
    {
        string path = _scope.PathOf("invalid");

        var error = Assert.Throws<CgroupException>(() => _scope.Host.Create(path, new ResourcesSpec { Devices = [rule] }));

        Assert.Equal(CgroupErrorIds.InvalidLimit, error.ErrorId);
        Assert.Equal(CgroupErrorIds.NotFound, Assert.Throws<CgroupException>(() => _scope.Host.Open(path)).ErrorId);
    }
}
