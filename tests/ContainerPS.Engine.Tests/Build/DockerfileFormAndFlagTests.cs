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
        DockerfileInstruction copy = DockerfileAssert.Single("COPY --from=build --chown=\"app user\":app --chmod=755 --link --exclude=*.md --exclude='a b' src/ /dst/");
        Assert.Equal(
            [new("from", "build"), new("chown", "app user:app"), new("chmod", "755"), new("link", null), new("exclude", "*.md"), new DockerfileFlag("exclude", "a b")],
            copy.Flags);
        Assert.Equal("src/ /dst/", copy.Arguments);
        Assert.Equal("app user:app", copy.Flag("chown"));
        Assert.Equal(["*.md", "a b"], copy.FlagValues("exclude"));
        Assert.Equal("", copy.Flag("link"));
        Assert.Null(copy.Flag("parents"));
    }

    [Fact]
    public void Run_flags_keep_their_comma_separated_values()
    {
        DockerfileInstruction run = DockerfileAssert.Single("RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=tok --network=none make");
        Assert.Equal(["type=cache,target=/root/.cache", "type=secret,id=tok"], run.FlagValues("mount"));
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

    [Theory]
    [InlineData("COPY --from=a --from=b x y", "duplicate flag specified: --from")]
    [InlineData("RUN --network=none --network=host x", "duplicate flag specified: --network")]
    [InlineData("COPY --link=maybe x y", "expecting boolean value for flag --link, not: maybe")]
    [InlineData("COPY --from x y", "missing a value on flag: --from")]
    [InlineData("RUN --mount x", "missing a value on flag: --mount")]
    public void Flags_are_checked_for_repetition_and_value(string line, string fragment)
    {
        Assert.Contains(fragment, DockerfileAssert.ParseError(2, "FROM a", line).Message);
    }

    [Theory]
    [InlineData("COPY --link x y")]
    [InlineData("COPY --link=false --parents=true x y")]
    [InlineData("ADD --keep-git-dir --unpack=0 x y")]
    public void Boolean_flags_stand_bare_or_take_true_or_false(string line)
    {
        Assert.NotEmpty(DockerfileAssert.Single(line).Flags);
    }

    [Fact]
    public void Healthcheck_cmd_is_a_subcommand_in_shell_or_exec_form_and_none_has_none()
    {
        DockerfileInstruction exec = DockerfileAssert.Single("""HEALTHCHECK --interval=5m --timeout=3s CMD ["curl", "-f", "http://localhost/"]""");
        Assert.Equal(("5m", "3s"), (exec.Flag("interval"), exec.Flag("timeout")));
        Assert.Equal("CMD", exec.Subcommand!.Keyword);
        Assert.Equal(["curl", "-f", "http://localhost/"], exec.Subcommand.JsonForm!);
        DockerfileInstruction shell = DockerfileAssert.Single("healthcheck cmd curl -f http://localhost/ || exit 1");
        Assert.Equal(("curl -f http://localhost/ || exit 1", null), (shell.Subcommand!.Arguments, shell.Subcommand.JsonForm));
        Assert.Null(DockerfileAssert.Single("HEALTHCHECK none").Subcommand);
    }

    [Theory]
    [InlineData("HEALTHCHECK NONE now", "HEALTHCHECK NONE takes no arguments")]
    [InlineData("HEALTHCHECK RUN x", "unknown type 'RUN' in HEALTHCHECK")]
    [InlineData("HEALTHCHECK --retries=3 CMD", "CMD requires at least one argument")]
    public void Malformed_healthchecks_are_errors(string line, string fragment)
    {
        Assert.Contains(fragment, DockerfileAssert.ParseError(2, "FROM a", line).Message);
    }
}
