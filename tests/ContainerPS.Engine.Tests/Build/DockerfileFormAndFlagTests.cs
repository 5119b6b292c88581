using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Tests.Build;

/// <summary>Dockerfile reference, "Shell and exec form", and the flags of FROM, RUN, COPY, ADD and HEALTHCHECK.</summary>
public sealed class DockerfileFormAndFlagTests
{
    [Theory]
    [InlineData("""CMD ["echo", "a b"]""", new[] { "echo", "a b" })]
    [InlineData("""ENTRYPOINT   [ "/app" , "--x" ]  """, new[] { "/app", "--x" })]
    [InlineData("""RUN ["sh", "-c", "echo \"q\" \u00e9"]""", new[] { "sh", "-c", "echo \"q\" \u00e9" })]
    [InlineData("""VOLUME ["/a", "/b"]""", new[] { "/a", "/b" })]
    [InlineData("""COPY ["a b", "/dest/"]""", new[] { "a b", "/dest/" })]
    [InlineData("""SHELL ["pwsh", "-Command"]""", new[] { "pwsh", "-Command" })]
    [InlineData("CMD []", new string[0])]
    public void A_json_array_of_strings_is_the_exec_form(string line, string[] expected)
    {
        DockerfileInstruction instruction = DockerfileAssert.Single(line);
        Assert.True(instruction.IsJsonForm);
        Assert.Equal(expected, instruction.JsonForm!);
    }

    [Theory]
    [InlineData("CMD echo hi")]
    [InlineData("CMD [not json")]
    [InlineData("CMD ['single', 'quotes']")]
    [InlineData("""CMD ["a"] && echo more""")]
    [InlineData("""RUN [ -f /x ] && echo yes""")]
    public void Anything_else_is_the_shell_form(string line)
    {
        DockerfileInstruction instruction = DockerfileAssert.Single(line);
        Assert.Null(instruction.JsonForm);
        Assert.Equal(line[4..], instruction.Arguments);
    }

    [Fact]
    public void Instructions_without_an_exec_form_keep_json_looking_text_as_arguments()
    {
        DockerfileInstruction label = DockerfileAssert.Single("""LABEL x=["a"]""");
        Assert.Null(label.JsonForm);
    }

    [Theory]
    [InlineData("""CMD ["a", 1]""")]
    [InlineData("""RUN [null]""")]
    [InlineData("""ENTRYPOINT [["nested"]]""")]
    public void A_json_array_holding_other_than_strings_is_an_error_as_in_buildkit(string line)
    {
        var error = DockerfileAssert.ParseError(2, "FROM a", line);
        Assert.Contains("arrays must be comprised of strings only", error.Message);
    }

    [Fact]
    public void Shell_requires_the_json_form()
    {
        Assert.Contains("JSON form", DockerfileAssert.ParseError(2, "FROM a", "SHELL /bin/bash -c").Message);
    }

    [Fact]
    public void Flags_are_parsed_in_order_with_values_bare_flags_and_quotes()
    {
        DockerfileInstruction copy = DockerfileAssert.Single("COPY --from=build --chown=app:app --chmod=755 --link --chown=\"a b\" src/ /dst/");
        Assert.Equal(
            [new("from", "build"), new("chown", "app:app"), new("chmod", "755"), new("link", null), new DockerfileFlag("chown", "a b")],
            copy.Flags);
        Assert.Equal("src/ /dst/", copy.Arguments);
        Assert.Equal("a b", copy.Flag("chown"));
        Assert.Equal("", copy.Flag("link"));
        Assert.Null(copy.Flag("parents"));
    }

    [Fact]
    public void Run_flags_keep_their_comma_separated_values()
    {
        DockerfileInstruction run = DockerfileAssert.Single("RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=tok --network=none make");
        Assert.Equal(["type=cache,target=/root/.cache", "type=secret,id=tok"], run.Flags.Where(f => f.Name == "mount").Select(f => f.Value));
        Assert.Equal("none", run.Flag("network"));
        Assert.Equal("make", run.Arguments);
    }

    [Fact]
    public void From_platform_flag_is_the_stage_platform()
    {
        DockerfileStage stage = DockerfileAssert.Parse("FROM --platform=$BUILDPLATFORM golang AS build").Stages[0];
        Assert.Equal(("$BUILDPLATFORM", "golang", "build"), (stage.Platform, stage.BaseImage, stage.Name));
    }

    [Fact]
    public void A_bare_double_dash_ends_the_flags()
    {
        DockerfileInstruction run = DockerfileAssert.Single("RUN --network=host -- --not-a-flag");
        Assert.Equal("--not-a-flag", run.Arguments);
        Assert.Single(run.Flags);
    }

    [Fact]
    public void A_flag_only_counts_before_the_arguments()
    {
        DockerfileInstruction run = DockerfileAssert.Single("RUN ls --mount=x");
        Assert.Empty(run.Flags);
        Assert.Equal("ls --mount=x", run.Arguments);
    }

    [Fact]
    public void Exec_form_may_follow_flags()
    {
        DockerfileInstruction run = DockerfileAssert.Single("""RUN --network=none ["echo", "x"]""");
        Assert.Equal(["echo", "x"], run.JsonForm!);
    }

    [Theory]
    [InlineData("COPY --frm=a b c", "--frm")]
    [InlineData("RUN --from=a b", "--from")]
    [InlineData("ENV --x=1 A=b", "--x")]
    [InlineData("FROM --platform=a --pull x", "--pull")]
    public void An_unknown_flag_is_an_error(string line, string flag)
    {
        var error = DockerfileAssert.ParseError(2, "FROM a", line);
        Assert.Contains($"unknown flag: {flag}", error.Message);
    }
}
