using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// The device allow-list (hardening.md principle 5): CAP_MKNOD stays, so a container can make any device node, but
/// the devices cgroup lets it open only the standard ones. The bundles here carry no linux.resources.devices, so
/// they also show the supervisor applies Docker's list by default.
/// </summary>
public sealed class DeviceTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }

    private ShimResult RunScript(string script, Func<RuntimeSpec, RuntimeSpec>? change = null)
    {
        var spec = BusyboxBundle.DefaultSpec(script);
        var result = _shim.RunSpec(_bundle, change is null ? spec : change(spec), out _);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>
    /// Makes the node, then tries to read one byte of it: only `head -c 1`, whose output is thrown away, so even if
    /// the allow-list were missing nothing of the host's device would be shown.
    /// </summary>
    private static string MakeAndRead(string type, string major, string minor) =>
        $"mknod /tmp/node {type} {major} {minor} && echo made; head -c 1 /tmp/node 2>&1 >/dev/null; echo status $?";

    [Fact]
    public void The_standard_devices_can_be_read_and_written()
    {
        var result = RunScript(
            "head -c 4 /dev/zero | od -An -tx1; head -c 8 /dev/urandom | wc -c; cat /dev/null; echo -n x > /dev/null && echo wrote");

        Assert.Equal(["00 00 00 00", "8", "wrote"], result.Lines.Select(l => l.Trim()));
    }

    /// <summary>
    /// EPERM is the devices cgroup's answer, given before the driver is asked; without it this host's kernel (no
    /// CONFIG_DEVMEM) would say ENXIO, and a kernel with /dev/mem would still want CAP_SYS_RAWIO, which Docker's set lacks.
    /// </summary>
    [Fact]
    public void Dev_mem_can_be_made_but_not_opened()
    {
        var result = RunScript(MakeAndRead("c", "1", "1"));

        Assert.Equal(["made", "head: /tmp/node: Operation not permitted", "status 1"], result.Lines);
    }

    [Fact]
    public void The_host_s_root_disk_can_be_made_but_not_opened()
    {
        var (major, minor) = RootDiskDevice();
        Assert.True(major != "0", "the root file system is not on a block device here");

        var result = RunScript(MakeAndRead("b", major, minor));

        Assert.Equal(["made", "head: /tmp/node: Operation not permitted", "status 1"], result.Lines);
    }

    [Fact]
    public void A_device_list_in_the_bundle_is_followed_by_the_default_devices()
    {
        // runc spec's own list denies everything; the runtime spec's default devices stay usable after it
        // (config-linux.md, "Default Devices"), as runc appends its allowed devices, and /dev/mem stays closed.
        List<DeviceRuleSpec> denyAll = [new() { Allow = false, Type = "a", Access = "rwm" }];

        var result = RunScript(
            "cat /dev/null && echo null; head -c 1 /dev/zero >/dev/null && echo zero; mknod /tmp/mem c 1 1 && head -c 1 /tmp/mem 2>&1 >/dev/null; echo status $?",
            spec => spec with { Linux = spec.Linux with { Resources = new ResourcesSpec { Devices = denyAll } } });

        Assert.Equal(["null", "zero", "head: /tmp/mem: Operation not permitted", "status 1"], result.Lines);
    }

    /// <summary>major:minor of the file system mounted at / (mountinfo field 3, proc(5)).</summary>
    private static (string Major, string Minor) RootDiskDevice()
    {
        var root = File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')).First(f => f[4] == "/");
        var parts = root[2].Split(':');
        return (parts[0], parts[1]);
    }
}
