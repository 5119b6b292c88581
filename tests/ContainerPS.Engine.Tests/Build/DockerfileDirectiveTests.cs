using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Tests.Build;

/// <summary>Dockerfile reference, "Parser directives", "syntax" and "escape".</summary>
public sealed class DockerfileDirectiveTests
{
    [Theory]
    [InlineData("# escape=`")]
    [InlineData("#escape=`")]
    [InlineData("# ESCAPE = `")]
    [InlineData("#\tEscape= `  ")]
    [InlineData("  # escape=`")]
    public void The_escape_directive_is_read_whatever_its_case_and_spacing(string directive)
    {
        Assert.Equal('`', DockerfileAssert.Parse(directive, "FROM a").Directives.Escape);
    }

    [Fact]
    public void Syntax_is_recorded_and_ignored_and_the_default_escape_is_backslash()
    {
        DockerfileDocument document = DockerfileAssert.Parse("# syntax=docker/dockerfile:1", "FROM a");
        Assert.Equal("docker/dockerfile:1", document.Directives.Syntax);
        Assert.Equal('\\', document.Directives.Escape);
        Assert.Single(document.Stages);
    }

    [Theory]
    [InlineData("FROM a", "# escape=`")]
    [InlineData("", "# escape=`")]
    [InlineData("# just a comment", "# escape=`")]
    [InlineData("# unknowndirective=value", "# escape=`")]
    public void Directives_after_an_instruction_blank_line_comment_or_unknown_directive_are_comments(string first, string second)
    {
        DockerfileDocument document = DockerfileAssert.Parse(first, second, "FROM b");
        Assert.Equal('\\', document.Directives.Escape);
        Assert.False(document.Directives.All.ContainsKey("escape"));
    }

    [Fact]
    public void Both_directives_may_be_given_in_any_order()
    {
        DockerfileDirectives directives = DockerfileAssert.Parse("# escape=`", "# syntax=x/y", "FROM a").Directives;
        Assert.Equal(('`', "x/y"), (directives.Escape, directives.Syntax));
    }

    [Fact]
    public void A_repeated_directive_is_an_error_on_its_line()
    {
        var error = DockerfileAssert.ParseError(2, "# escape=`", "# escape=\\", "FROM a");
        Assert.Contains("only one escape parser directive", error.Message);
    }

    [Fact]
    public void An_escape_other_than_backslash_or_backtick_is_an_error()
    {
        var error = DockerfileAssert.ParseError(1, "# escape=x", "FROM a");
        Assert.Contains("invalid escape token 'x'", error.Message);
    }

    [Fact]
    public void Backtick_escape_keeps_windows_paths_and_continues_lines_with_a_backtick()
    {
        DockerfileDocument document = DockerfileAssert.Parse(
            "# escape=`",
            "",
            "FROM mcr.microsoft.com/windows/servercore",
            @"COPY testfile.txt c:\",
            "RUN dir c:\\ `",
            "    && echo done",
            @"WORKDIR C:\Users\app\");
        IReadOnlyList<DockerfileInstruction> steps = document.Stages[0].Instructions;
        Assert.Equal(@"testfile.txt c:\", steps[0].Arguments);
        Assert.Equal(@"dir c:\     && echo done", steps[1].Arguments);
        Assert.Equal(((int)5, 6), (steps[1].Line, steps[1].EndLine));
        Assert.Equal(@"C:\Users\app\", steps[2].Arguments);
    }

    [Fact]
    public void Without_the_escape_directive_a_trailing_backslash_continues_the_line()
    {
        IReadOnlyList<DockerfileInstruction> steps = DockerfileAssert.Instructions("FROM a", @"COPY testfile.txt c:\", "RUN dir c:");
        Assert.Equal(2, steps.Count);
        Assert.Equal("testfile.txt c:RUN dir c:", steps[1].Arguments);
    }
}
