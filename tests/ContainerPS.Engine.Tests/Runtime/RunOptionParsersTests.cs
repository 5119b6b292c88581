using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Tests.Runtime;

/// <summary>-Ulimit and -Sysctl as docker reads them; the Pester suite shows what the container then sees.</summary>
public sealed class RunOptionParsersTests
{
    [Theory]
    [InlineData("nofile=1024:2048", "RLIMIT_NOFILE", 1024UL, 2048UL)]
    [InlineData("core=0", "RLIMIT_CORE", 0UL, 0UL)]
    [InlineData("NPROC=-1", "RLIMIT_NPROC", ulong.MaxValue, ulong.MaxValue)]
    [InlineData("stack=8192:-1", "RLIMIT_STACK", 8192UL, ulong.MaxValue)]
    public void A_ulimit_is_an_rlimit(string ulimit, string type, ulong soft, ulong hard)
    {
        var limit = UlimitParser.Parse(ulimit);
        Assert.Equal((type, soft, hard), (limit.Type, limit.Soft, limit.Hard));
    }

    [Theory]
    [InlineData("nofile")]
    [InlineData("bogus=1")]
    [InlineData("nofile=a")]
    [InlineData("nofile=1:2:3")]
    [InlineData("nofile=9:3")]
    public void A_bad_ulimit_is_InvalidUlimit(string ulimit) =>
        Assert.Equal("InvalidUlimit", Assert.Throws<ContainerPSException>(() => UlimitParser.Parse(ulimit)).ErrorId);

    [Fact]
    public void A_ulimit_replaces_the_default_of_its_kind_only()
    {
        var defaults = new List<RlimitSpec> { new() { Type = "RLIMIT_NOFILE", Soft = 1, Hard = 1 } };
        var limits = UlimitParser.Apply(defaults, ["nofile=5:6", "core=0"]);
        Assert.Equal(["RLIMIT_NOFILE 5 6", "RLIMIT_CORE 0 0"], limits.Select(l => $"{l.Type} {l.Soft} {l.Hard}"));
    }

    [Theory]
    [InlineData("kernel.shmmax", "bridge", true)]
    [InlineData("fs.mqueue.msg_max", "none", true)]
    [InlineData("net.ipv4.ip_forward", "none", true)]
    [InlineData("net.ipv4.ip_forward", "host", false)]
    [InlineData("kernel.panic", "none", false)]
    [InlineData("vm.swappiness", "none", false)]
    public void Only_the_container_s_own_kernel_parameters_are_set(string name, string network, bool allowed)
    {
        var sysctls = new Dictionary<string, string> { [name] = "1" };
        if (allowed) Assert.Equal("1", SysctlOptions.ToSpec(sysctls, network)![name]);
        else Assert.Equal("InvalidSysctl", Assert.Throws<ContainerPSException>(() => SysctlOptions.ToSpec(sysctls, network)).ErrorId);
    }

    [Fact]
    public void No_sysctls_write_no_field() => Assert.Null(SysctlOptions.ToSpec(new Dictionary<string, string>(), "bridge"));
}
