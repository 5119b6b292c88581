using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Security;

namespace ContainerPS.Engine.Tests.Security;

public sealed class SecurityOptionsTests
{
    [Fact]
    public void No_options_mean_the_default_profile_and_no_new_privileges()
    {
        var choice = SecurityOptions.Parse([]);
        Assert.Equal(SecurityOptions.DefaultProfile, choice.Seccomp);
        Assert.True(choice.NoNewPrivileges);
        Assert.Empty(choice.Normalized);
    }

    [Theory]
    [InlineData("seccomp=unconfined")]
    [InlineData("seccomp:unconfined")]
    [InlineData(" seccomp = unconfined ")]
    public void Unconfined_is_spelled_as_docker_accepts_it(string option)
    {
        var choice = SecurityOptions.Parse([option]);
        Assert.Equal(SecurityOptions.Unconfined, choice.Seccomp);
        Assert.Equal(["seccomp=unconfined"], choice.Normalized);
    }

    [Fact]
    public void A_profile_path_becomes_a_full_path()
    {
        var choice = SecurityOptions.Parse(["seccomp=profile.json"]);
        Assert.Equal(Path.GetFullPath("profile.json"), choice.Seccomp);
        Assert.Equal([$"seccomp={Path.GetFullPath("profile.json")}"], choice.Normalized);
    }

    [Theory]
    [InlineData("no-new-privileges", true)]
    [InlineData("no-new-privileges=true", true)]
    [InlineData("no-new-privileges:true", true)]
    [InlineData("no-new-privileges=false", false)]
    public void No_new_privileges_is_on_unless_turned_off(string option, bool expected)
    {
        var choice = SecurityOptions.Parse([option]);
        Assert.Equal(expected, choice.NoNewPrivileges);
        Assert.Equal([$"no-new-privileges={(expected ? "true" : "false")}"], choice.Normalized);
    }

    [Fact]
    public void The_last_of_several_seccomp_options_wins_and_all_are_kept_in_order()
    {
        var choice = SecurityOptions.Parse(["seccomp=unconfined", "no-new-privileges", "seccomp=/p.json"]);
        Assert.Equal("/p.json", choice.Seccomp);
        Assert.Equal(["seccomp=unconfined", "no-new-privileges=true", "seccomp=/p.json"], choice.Normalized);
    }

    [Theory]
    [InlineData("apparmor=unconfined")]
    [InlineData("seccomp")]
    [InlineData("seccomp=")]
    [InlineData("no-new-privileges=yes")]
    [InlineData("label=disable")]
    public void Anything_else_is_SecurityOptionInvalid_never_ignored(string option)
    {
        var error = Assert.Throws<ContainerPSException>(() => SecurityOptions.Parse([option]));
        Assert.Equal("SecurityOptionInvalid", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(option, error.Message);
    }
}
