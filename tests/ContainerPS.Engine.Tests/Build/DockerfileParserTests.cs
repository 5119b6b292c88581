using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Tests.Build;

/// <summary>Dockerfile reference, "Format", "Parser directives", "escape" and "FROM": lines, comments, continuations, stages.</summary>
public sealed class DockerfileParserTests
{
    [Fact]
    public void A_document_has_global_args_and_stages_with_their_instructions_and_lines()
    {
        DockerfileDocument document = DockerfileAssert.Parse(
            "ARG BASE=alpine",
            "FROM $BASE AS build",
            "RUN make",
            "",
            "FROM --platform=linux/arm64 scratch",
            "COPY --from=build /out /");
        Assert.Equal("ARG", Assert.Single(document.GlobalArgs).Keyword);
        Assert.Equal(2, document.Stages.Count);
        DockerfileStage build = document.Stages[0];
        Assert.Equal(("$BASE", "build", 2, 0), (build.BaseImage, build.Name, build.Line, build.Index));
        Assert.Equal(3, Assert.Single(build.Instructions).Line);
        DockerfileStage last = document.Stages[1];
        Assert.Equal(("scratch", null, "linux/arm64", 5), (last.BaseImage, last.Name, last.Platform, last.Line));
        Assert.Equal(6, Assert.Single(last.Instructions).Line);
        Assert.Same(build, document.FindStage("BUILD"));
    }

    [Theory]
    [InlineData("run echo hi")]
    [InlineData("Run echo hi")]
    [InlineData("RUN echo hi")]
    [InlineData("   rUn   echo hi   ")]
    public void Keywords_are_case_insensitive_and_blanks_around_them_do_not_matter(string line)
    {
        DockerfileInstruction run = DockerfileAssert.Single(line);
        Assert.Equal(("RUN", "echo hi"), (run.Keyword, run.Arguments));
    }

    [Fact]
    public void Comments_and_blank_lines_are_skipped_and_a_hash_inside_a_line_is_an_argument()
    {
        IReadOnlyList<DockerfileInstruction> all = DockerfileAssert.Instructions(
            "# a comment",
            "   # an indented comment",
            "",
            "RUN echo 'not # a comment'",
            "\t",
            "RUN echo # passed to the shell");
        Assert.Equal(["echo 'not # a comment'", "echo # passed to the shell"], all.Select(i => i.Arguments));
        Assert.Equal([4, 6], all.Select(i => i.Line));
    }

    [Fact]
    public void A_continuation_joins_lines_and_keeps_the_start_line_and_the_end_line()
    {
        DockerfileInstruction run = DockerfileAssert.Instructions(
            "FROM alpine",
            "RUN apk add \\",
            "    curl \\  ",
            "    git")[1];
        Assert.Equal("apk add     curl     git", run.Arguments);
        Assert.Equal((2, 4), (run.Line, run.EndLine));
    }

    [Fact]
    public void Comment_lines_and_blank_lines_inside_a_continuation_are_skipped()
    {
        IReadOnlyList<DockerfileInstruction> all = DockerfileAssert.Instructions(
            "RUN echo hello \\",
            "# a comment in the middle",
            "",
            "   ",
            "  # indented comment",
            "world",
            "RUN next");
        Assert.Equal("echo hello world", all[0].Arguments);
        Assert.Equal((1, 6), (all[0].Line, all[0].EndLine));
        Assert.Equal(7, all[1].Line);
    }

    [Fact]
    public void A_comment_line_ending_in_the_escape_character_does_not_continue()
    {
        IReadOnlyList<DockerfileInstruction> all = DockerfileAssert.Instructions("# comment \\", "RUN a");
        Assert.Equal(("RUN", 2), (all[0].Keyword, all[0].Line));
    }

    [Fact]
    public void A_continuation_at_the_end_of_the_file_ends_the_instruction()
    {
        DockerfileInstruction run = DockerfileAssert.Single("RUN echo \\");
        Assert.Equal("echo", run.Arguments);
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_accepted()
    {
        IReadOnlyList<DockerfileInstruction> all = DockerfileParser.ParseInstructions("\uFEFF# escape=`\r\nFROM a\r\nRUN x `\r\n y\r\n", "Dockerfile", out DockerfileDirectives directives);
        Assert.Equal('`', directives.Escape);
        Assert.Equal(["a", "x  y"], all.Select(i => i.Arguments));
    }

    [Fact]
    public void Stage_names_are_lower_cased_and_as_is_case_insensitive()
    {
        DockerfileStage stage = Assert.Single(DockerfileAssert.Parse("FROM alpine as Builder_1.x").Stages);
        Assert.Equal("builder_1.x", stage.Name);
    }

    [Fact]
    public void Global_args_may_be_several_and_args_after_from_belong_to_the_stage()
    {
        DockerfileDocument document = DockerfileAssert.Parse("ARG A", "# c", "ARG B=1", "FROM x", "ARG A");
        Assert.Equal([1, 3], document.GlobalArgs.Select(a => a.Line));
        Assert.Equal("ARG", Assert.Single(document.Stages[0].Instructions).Keyword);
    }

    [Fact]
    public void Onbuild_records_its_trigger_as_an_instruction()
    {
        DockerfileInstruction onbuild = DockerfileAssert.Parse("FROM a", "ONBUILD copy --chown=1 . /app").Stages[0].Instructions[0];
        Assert.Equal("ONBUILD", onbuild.Keyword);
        Assert.Equal(("COPY", ". /app", "1"), (onbuild.Subcommand!.Keyword, onbuild.Subcommand.Arguments, onbuild.Subcommand.Flag("chown")));
    }

    [Fact]
    public void Every_instruction_of_the_reference_is_accepted()
    {
        DockerfileDocument document = DockerfileAssert.Parse(
            "FROM a", "RUN x", "CMD x", "LABEL a=b", "MAINTAINER me", "EXPOSE 80", "ENV a=b", "ADD a b", "COPY a b",
            "ENTRYPOINT x", "VOLUME /v", "USER u", "WORKDIR /w", "ARG a", "ONBUILD RUN x", "STOPSIGNAL SIGTERM",
            "HEALTHCHECK --interval=5s --timeout=3s --start-period=1s --start-interval=1s --retries=3 CMD x", "HEALTHCHECK NONE",
            """SHELL ["/bin/bash", "-c"]""");
        Assert.Equal(18, document.Stages[0].Instructions.Count);
    }
}
