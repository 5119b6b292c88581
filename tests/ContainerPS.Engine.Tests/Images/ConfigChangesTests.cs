using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Tests.Images;

public sealed class ConfigChangesTests
{
    private static readonly ImageConfig Base = new()
    {
        Architecture = "amd64",
        Os = "linux",
        Config = new ContainerConfig { Env = ["PATH=/usr/bin", "A=old"], Cmd = ["sh"], WorkingDir = "/srv", Labels = new() { ["keep"] = "1" } },
    };

    private static ContainerConfig Apply(params string[] changes) => ConfigChanges.Apply(Base, changes).Config!;

    [Fact]
    public void Exec_form_is_kept_and_shell_form_runs_through_sh()
    {
        Assert.Equal(["echo", "a b"], Apply("""CMD ["echo", "a b"]""").Cmd!);
        Assert.Equal(["/bin/sh", "-c", "echo $HOME && ls"], Apply("CMD echo $HOME && ls").Cmd!);
        Assert.Equal(["/bin/sh", "-c", "[not json"], Apply("CMD [not json").Cmd!);
    }

    [Fact]
    public void Entrypoint_resets_the_inherited_cmd_but_not_one_given_with_it()
    {
        Assert.Null(Apply("""ENTRYPOINT ["/app"]""").Cmd!);
        ContainerConfig both = Apply("""CMD ["--help"]""", """ENTRYPOINT ["/app"]""");
        Assert.Equal(["/app"], both.Entrypoint!);
        Assert.Equal(["--help"], both.Cmd!);
    }

    [Fact]
    public void Env_replaces_in_place_appends_new_and_reads_quotes_and_the_legacy_form()
    {
        Assert.Equal(["PATH=/usr/bin", "A=b", "C=d e"], Apply("""ENV A=b C="d e" """).Env!);
        // Dockerfile reference, "ENV": the legacy form takes the rest of the line as the value, blanks included, as docker does.
        Assert.Equal(["PATH=/usr/bin", "A=old", "B=x  y"], Apply("ENV B x  y").Env!);
        Assert.Equal("B=two words", Apply("env B two words").Env![^1]);
        Assert.Equal(@"E=a\b", Apply(@"ENV E=a\\b").Env![^1]);
    }

    [Fact]
    public void Labels_merge_with_the_base_labels()
    {
        ContainerConfig run = Apply("""LABEL a=1 "b c"='x y'""");
        Assert.Equal(new Dictionary<string, string> { ["keep"] = "1", ["a"] = "1", ["b c"] = "x y" }, run.Labels);
    }

    [Fact]
    public void Expose_defaults_to_tcp_and_expands_ranges()
    {
        Assert.Equal(["80/tcp", "53/udp", "8000/tcp", "8001/tcp"], Apply("EXPOSE 80 53/UDP 8000-8001").ExposedPorts!.Keys);
    }

    [Fact]
    public void Volumes_in_both_forms_serialize_as_empty_objects()
    {
        ContainerConfig run = Apply("""VOLUME ["/data", "/logs"]""", "VOLUME /cache");
        Assert.Equal(["/data", "/logs", "/cache"], run.Volumes!.Keys);
        string json = JsonSerializer.Serialize(Base with { Config = run }, OciJsonContext.Default.ImageConfig);
        Assert.Contains("\"Volumes\":{\"/data\":{},\"/logs\":{},\"/cache\":{}}", json);
    }

    [Fact]
    public void User_stopsignal_onbuild_and_a_relative_workdir()
    {
        ContainerConfig run = Apply("USER 1000:1000", "STOPSIGNAL SIGINT", "ONBUILD RUN make", "WORKDIR app", "WORKDIR sub");
        Assert.Equal("1000:1000", run.User);
        Assert.Equal("SIGINT", run.StopSignal);
        Assert.Equal(["RUN make"], run.OnBuild!);
        Assert.Equal("/srv/app/sub", run.WorkingDir);
        Assert.Equal("/abs", Apply("WORKDIR /abs").WorkingDir);
    }

    [Fact]
    public void The_input_config_is_not_changed()
    {
        Apply("ENV A=new", "LABEL keep=2");
        Assert.Equal(["PATH=/usr/bin", "A=old"], Base.Config!.Env!);
        Assert.Equal("1", Base.Config.Labels!["keep"]);
    }

    [Fact]
    public void Variables_expand_with_the_config_env_as_docker_commit_does()
    {
        ContainerConfig run = Apply("ENV B=$A-x", "WORKDIR $A", "CMD echo $A");
        Assert.Equal("B=old-x", run.Env![^1]);
        Assert.Equal("/srv/old", run.WorkingDir);
        Assert.Equal(["/bin/sh", "-c", "echo $A"], run.Cmd!);
    }

    [Theory]
    [InlineData("MAINTAINER me", "'MAINTAINER' is not an instruction a change may use")]
    [InlineData("SHELL [\"/bin/bash\", \"-c\"]", "'SHELL' is not an instruction a change may use")]
    [InlineData("HEALTHCHECK NONE", "'HEALTHCHECK' is not an instruction a change may use")]
    [InlineData("BOGUS x", "'BOGUS' is not an instruction a change may use")]
    [InlineData("EXPOSE 80/icmp", "The change 'EXPOSE 80/icmp' is not valid: '80/icmp' is not a port")]
    [InlineData("USER a b", "The change 'USER a b' is not valid: USER requires exactly one argument")]
    public void An_InvalidChange_message_names_the_change_and_why(string change, string message)
    {
        var error = Assert.Throws<ContainerPSException>(() => ConfigChanges.Apply(Base, [change]));
        Assert.Equal("InvalidChange", error.ErrorId);
        Assert.StartsWith(message, error.Message);
        Assert.Equal(change, error.Target);
    }

    [Theory]
    [InlineData("RUN echo hi")]
    [InlineData("FROM busybox")]
    [InlineData("")]
    [InlineData("CMD")]
    [InlineData("ENV A")]
    [InlineData("ENV =x")]
    [InlineData("LABEL a=\"unterminated")]
    [InlineData("EXPOSE 70000")]
    [InlineData("EXPOSE 80/icmp")]
    [InlineData("EXPOSE 90-80")]
    [InlineData("USER a b")]
    [InlineData("ONBUILD ONBUILD RUN x")]
    public void A_change_that_is_not_allowed_or_malformed_is_InvalidChange(string change)
    {
        var error = Assert.Throws<ContainerPSException>(() => ConfigChanges.Apply(Base, [change]));
        Assert.Equal("InvalidChange", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
    }
}
