using System.Text.Json;
using ContainerPS.Engine.Build.Config;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Tests.Build.Config;

/// <summary>Dockerfile reference, each config-only instruction's section: what it does to the image config.</summary>
public sealed class ConfigInstructionApplierTests
{
    private static readonly ImageConfig Base = new()
    {
        Architecture = "amd64",
        Os = "linux",
        Config = new ContainerConfig { Env = ["PATH=/usr/bin", "NAME=base"], Cmd = ["sh"], WorkingDir = "/srv" },
    };

    private static ImageConfig ApplyImage(params string[] lines) => ApplyImage(null, lines);

    private static ImageConfig ApplyImage(Func<string, string?>? buildArguments, params string[] lines)
    {
        var applier = new ConfigInstructionApplier(Base, buildArguments: buildArguments);
        foreach (var instruction in DockerfileAssert.Instructions(lines)) applier.Apply(instruction);
        return applier.Config;
    }

    private static ContainerConfig Apply(params string[] lines) => ApplyImage(lines).Config!;

    private static ContainerPSException Error(int line, params string[] lines)
    {
        var error = Assert.Throws<ContainerPSException>(() => ApplyImage(lines));
        Assert.Equal("DockerfileParseError", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith($"Dockerfile:{line}: ", error.Message);
        return error;
    }

    [Fact]
    public void Cmd_keeps_the_exec_form_and_runs_the_shell_form_through_sh()
    {
        Assert.Equal(["echo", "a b"], Apply("""CMD ["echo", "a b"]""").Cmd!);
        Assert.Equal(["/bin/sh", "-c", "echo $HOME && ls"], Apply("CMD echo $HOME && ls").Cmd!);
    }

    [Fact]
    public void Entrypoint_resets_an_inherited_cmd()
    {
        ContainerConfig run = Apply("""ENTRYPOINT ["/app"]""");
        Assert.Equal(["/app"], run.Entrypoint!);
        Assert.Null(run.Cmd);
    }

    [Fact]
    public void Entrypoint_keeps_a_cmd_set_earlier_in_the_same_stage()
    {
        ContainerConfig run = Apply("""CMD ["--help"]""", "ENTRYPOINT /app run");
        Assert.Equal(["/bin/sh", "-c", "/app run"], run.Entrypoint!);
        Assert.Equal(["--help"], run.Cmd!);
    }

    [Fact]
    public void Shell_changes_the_shell_of_later_shell_form_commands_only()
    {
        ContainerConfig run = Apply("CMD early", """SHELL ["pwsh", "-Command"]""", "ENTRYPOINT Get-Date", """CMD ["x"]""");
        Assert.Equal(["pwsh", "-Command"], run.Shell!);
        Assert.Equal(["pwsh", "-Command", "Get-Date"], run.Entrypoint!);
        Assert.Equal(["x"], run.Cmd!);
        Assert.Equal(["/bin/sh", "-c", "early"], Apply("CMD early", """SHELL ["pwsh", "-Command"]""").Cmd!);
    }

    [Fact]
    public void Env_expands_with_the_variables_before_the_instruction()
    {
        ContainerConfig run = Apply("ENV NAME=new OLD=$NAME", """ENV QUOTED="a b" NEXT=${NAME}""", "ENV LEGACY x  $NAME");
        Assert.Equal(["PATH=/usr/bin", "NAME=new", "OLD=base", "QUOTED=a b", "NEXT=new", "LEGACY=x  new"], run.Env!);
    }

    [Fact]
    public void Env_wins_over_a_build_argument_of_the_same_name()
    {
        Func<string, string?> arguments = name => name is "NAME" or "ARGONLY" ? "from-arg" : null;
        ContainerConfig run = ApplyImage(arguments, "LABEL a=$NAME b=$ARGONLY").Config!;
        Assert.Equal("base", run.Labels!["a"]);
        Assert.Equal("from-arg", run.Labels["b"]);
    }

    [Fact]
    public void Label_merges_and_unquotes_keys_and_values()
    {
        ContainerConfig run = Apply("""LABEL a=1 "b c"='x y'""", "LABEL a=2");
        Assert.Equal(new Dictionary<string, string> { ["a"] = "2", ["b c"] = "x y" }, run.Labels);
    }

    [Fact]
    public void Expose_defaults_to_tcp_expands_ranges_and_variables()
    {
        Assert.Equal(["80/tcp", "53/udp", "8000/tcp", "8001/tcp"], Apply("ENV P=80", "EXPOSE $P 53/UDP 8000-8001").ExposedPorts!.Keys);
    }

    [Fact]
    public void Volume_takes_json_or_words()
    {
        Assert.Equal(["/data", "/logs", "/cache", "/srv/x"], Apply("""VOLUME ["/data", "/logs"]""", "VOLUME /cache ${PWD:-/srv}/x").Volumes!.Keys);
    }

    [Fact]
    public void User_stopsignal_and_workdir_relative_to_the_previous_one()
    {
        ContainerConfig run = Apply("USER 1000:1000", "STOPSIGNAL SIGINT", "WORKDIR app", "ENV SUB=sub", "WORKDIR $SUB");
        Assert.Equal("1000:1000", run.User);
        Assert.Equal("SIGINT", run.StopSignal);
        Assert.Equal("/srv/app/sub", run.WorkingDir);
        Assert.Equal("/abs", Apply("WORKDIR /abs").WorkingDir);
        Assert.Equal("/lib", Apply("WORKDIR ./a/../../../lib/.").WorkingDir);
    }

    [Theory]
    [InlineData("SIGKILL")]
    [InlineData("term")]
    [InlineData("9")]
    [InlineData("SIGRTMIN+3")]
    public void Stopsignal_is_kept_as_written(string signal)
    {
        Assert.Equal(signal, Apply($"STOPSIGNAL {signal}").StopSignal);
    }

    [Fact]
    public void Onbuild_records_the_raw_trigger_text()
    {
        Assert.Equal(["RUN make $TARGET", "COPY . /src"], Apply("ONBUILD RUN make $TARGET", "onbuild COPY . /src").OnBuild!);
    }

    [Fact]
    public void Maintainer_sets_the_author()
    {
        Assert.Equal("Jane Doe <jane@example.com>", ApplyImage("MAINTAINER Jane Doe <jane@example.com>").Author);
    }

    [Fact]
    public void Healthcheck_none_disables_the_check()
    {
        Assert.Equal(["NONE"], Apply("HEALTHCHECK NONE").Healthcheck!.Test!);
    }

    [Fact]
    public void Healthcheck_cmd_takes_its_options_in_nanoseconds()
    {
        Healthcheck check = Apply("HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=1.5s --start-interval=2s --retries=3 CMD curl -f http://localhost/ || exit 1").Healthcheck!;
        Assert.Equal(["CMD-SHELL", "curl -f http://localhost/ || exit 1"], check.Test!);
        Assert.Equal(90_000_000_000L, check.Interval);
        Assert.Equal(500_000_000L, check.Timeout);
        Assert.Equal(1_500_000_000L, check.StartPeriod);
        Assert.Equal(2_000_000_000L, check.StartInterval);
        Assert.Equal(3, check.Retries);
    }

    [Fact]
    public void Healthcheck_exec_form_leaves_unset_options_out_of_the_json()
    {
        ContainerConfig run = Apply("""HEALTHCHECK CMD ["/check", "--quick"]""");
        Assert.Equal(["CMD", "/check", "--quick"], run.Healthcheck!.Test!);
        string json = JsonSerializer.Serialize(Base with { Config = run }, OciJsonContext.Default.ImageConfig);
        Assert.Contains("\"Healthcheck\":{\"Test\":[\"CMD\",\"/check\",\"--quick\"]}", json);
    }

    [Fact]
    public void Shell_and_healthcheck_serialize_with_dockers_names()
    {
        ContainerConfig run = Apply("""SHELL ["/bin/bash", "-c"]""", "HEALTHCHECK --retries=2 CMD true");
        string json = JsonSerializer.Serialize(Base with { Config = run }, OciJsonContext.Default.ImageConfig);
        Assert.Contains("\"Shell\":[\"/bin/bash\",\"-c\"]", json);
        Assert.Contains("\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Retries\":2}", json);
    }

    [Fact]
    public void The_start_config_is_not_changed()
    {
        Apply("ENV NAME=new", "LABEL a=1", "CMD x");
        Assert.Equal(["PATH=/usr/bin", "NAME=base"], Base.Config!.Env!);
        Assert.Null(Base.Config.Labels);
        Assert.Equal(["sh"], Base.Config.Cmd!);
    }

    [Theory]
    [InlineData("HEALTHCHECK --interval=10us CMD true", "cannot be less than 1ms")]
    [InlineData("HEALTHCHECK --timeout=-1s CMD true", "cannot be less than 1ms")]
    [InlineData("HEALTHCHECK --interval=ten CMD true", "invalid duration")]
    [InlineData("HEALTHCHECK --interval=5 CMD true", "invalid duration")]
    [InlineData("HEALTHCHECK --retries=-1 CMD true", "--retries cannot be negative")]
    [InlineData("HEALTHCHECK --retries=x CMD true", "--retries")]
    [InlineData("HEALTHCHECK CMD []", "Missing command after HEALTHCHECK CMD")]
    [InlineData("SHELL []", "SHELL requires at least one argument")]
    [InlineData("USER a b", "USER requires exactly one argument")]
    [InlineData("STOPSIGNAL", "STOPSIGNAL requires at least one argument")]
    [InlineData("EXPOSE 80/icmp", "'80/icmp' is not a port")]
    [InlineData("EXPOSE 90-80", "'90-80' is not a port")]
    [InlineData("""VOLUME ["/a", ""]""", "VOLUME specified can not be an empty string")]
    [InlineData("ENV A", "ENV must have two arguments")]
    [InlineData("RUN make", "RUN does not only change the image config")]
    [InlineData("STOPSIGNAL SIGNOPE", "Invalid signal: SIGNOPE")]
    [InlineData("STOPSIGNAL 0", "Invalid signal: 0")]
    public void A_fault_is_a_DockerfileParseError_at_its_line(string line, string reason)
    {
        Assert.Contains(reason, Error(2, "LABEL ok=1", line).Message);
    }
}
