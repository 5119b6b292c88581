using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Build.Execution;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build.Execution;

/// <summary>Dockerfile reference, "RUN --mount": types, targets, defaults and the options each type takes.</summary>
public sealed class RunMountParserTests
{
    private static readonly SourceLocation At = new("Dockerfile", 3);

    [Fact]
    public void A_mount_without_type_is_a_read_only_bind()
    {
        var mount = RunMountParser.Parse("target=/src,source=app", At);
        Assert.Equal(("bind", "/src", "app", true), (mount.Type, mount.Target, mount.Source, mount.ReadOnly));
    }

    [Theory]
    [InlineData("type=bind,target=/x,rw", false)]
    [InlineData("type=bind,target=/x,readwrite=true", false)]
    [InlineData("type=cache,target=/x", false)]
    [InlineData("type=cache,target=/x,ro", true)]
    public void Binds_are_read_only_and_caches_writable_unless_told(string text, bool readOnly) =>
        Assert.Equal(readOnly, RunMountParser.Parse(text, At).ReadOnly);

    [Fact]
    public void A_cache_is_identified_by_its_target_unless_it_has_an_id()
    {
        Assert.Equal("/root/.cache", RunMountParser.Parse("type=cache,dst=/root/.cache", At).Id);
        Assert.Equal("go", RunMountParser.Parse("type=cache,id=go,target=/go,sharing=locked", At).Id);
    }

    [Fact]
    public void A_secret_lives_under_run_secrets_by_default()
    {
        var mount = RunMountParser.Parse("type=secret,id=token,mode=0440,uid=5,required", At);
        Assert.Equal(("/run/secrets/token", "token", (ushort?)0x120, (uint?)5, true), (mount.Target, mount.Id, mount.Mode, mount.Uid, mount.Required));
        Assert.Equal("key", RunMountParser.Parse("type=secret,target=/etc/key", At).Id);
    }

    [Theory]
    [InlineData("type=volume,target=/x", "is not a mount type")]
    [InlineData("type=ssh", "not supported")]
    [InlineData("type=cache", "needs a target")]
    [InlineData("type=secret", "needs an id or a target")]
    [InlineData("type=tmpfs,target=/x,colour=red", "'colour' is not an option")]
    [InlineData("type=secret,id=a,mode=9z", "not an octal mode")]
    [InlineData("type=bind,target=/x,rw=maybe", "not true or false")]
    public void A_bad_mount_is_an_error_with_the_line(string text, string problem)
    {
        var error = Assert.Throws<ContainerPSException>(() => RunMountParser.Parse(text, At));
        Assert.Equal(BuildErrors.InvalidMountId, error.ErrorId);
        Assert.Contains("Dockerfile:3", error.Message);
        Assert.Contains(problem, error.Message);
    }
}
