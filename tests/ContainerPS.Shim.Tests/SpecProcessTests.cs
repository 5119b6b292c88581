using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// linux.sysctl, linux.devices, linux.rootfsPropagation and process.oomScoreAdj (config-linux.md, config.md), as the
/// runtime-tools validation checks them from inside the container.
/// </summary>
public sealed class SpecProcessTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    private ShimResult Run(string script, Func<RuntimeSpec, RuntimeSpec> change)
    {
        var result = _shim.RunSpec(_bundle, change(BusyboxBundle.DefaultSpec(script)), out _);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [Fact]
    public void Sysctls_are_written_in_the_containers_own_namespaces()
    {
        var result = Run("cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmni",
            spec => spec with { Linux = spec.Linux with { Sysctl = new() { ["net.ipv4.ip_forward"] = "1", ["kernel.shmmni"] = "1234" } } });

        Assert.Equal(["1", "1234"], result.Lines);
        Assert.NotEqual("1234", File.ReadAllText("/proc/sys/kernel/shmmni").Trim()); // the host's ipc namespace is untouched
    }

    [Fact]
    public void An_unknown_sysctl_fails_the_create_naming_it()
    {
        var spec = BusyboxBundle.DefaultSpec("true");
        _bundle.Write(spec with { Linux = spec.Linux with { Sysctl = new() { ["kernel.no_such_knob"] = "1" } } });

        var result = _shim.Invoke("create", "--bundle", _bundle.Path, _shim.NewId());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("sysctl-kernel.no_such_knob", result.Stderr);
    }

    [Fact]
    public void The_oom_score_adj_is_the_processes()
    {
        var result = Run("cat /proc/self/oom_score_adj", spec => spec with { Process = spec.Process with { OomScoreAdj = 500 } });

        Assert.Equal(["500"], result.Lines);
    }

    [Fact]
    public void Spec_devices_are_made_with_their_numbers_mode_and_owner()
    {
        var device = new LinuxDeviceSpec { Type = "c", Path = "/dev/extra/mynull", Major = 1, Minor = 3, FileMode = 0x1a4, Uid = 1, Gid = 2 };
        var result = Run("stat -c '%F %t:%T %a %u:%g' /dev/extra/mynull; echo x > /dev/extra/mynull && echo written",
            spec => spec with { Linux = spec.Linux with { Devices = [device] } });

        Assert.Equal(["character special file 1:3 644 1:2", "written"], result.Lines);
    }

    [Fact]
    public void The_rootfs_propagation_is_set_on_the_containers_root()
    {
        var result = Run("awk '$5 == \"/\"' /proc/self/mountinfo", spec => spec with { Linux = spec.Linux with { RootfsPropagation = "rshared" } });

        Assert.Contains("shared:", result.Stdout);
    }

    [Fact]
    public void The_linux32_personality_makes_uname_report_a_32_bit_machine()
    {
        if (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64) return;
        var result = Run("uname -m", spec => spec with { Linux = spec.Linux with { Personality = new PersonalitySpec { Domain = "LINUX32" } } });

        Assert.Equal(["i686"], result.Lines);
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
