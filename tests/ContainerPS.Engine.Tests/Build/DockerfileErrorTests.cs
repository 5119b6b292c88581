using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build;

/// <summary>Every malformed Dockerfile is a DockerfileParseError naming the file and the line where its instruction starts.</summary>
public sealed class DockerfileErrorTests
{
    [Theory]
    [InlineData(3, "unknown instruction: FOO", "FROM a", "# comment", "foo bar")]
    [InlineData(1, "only ARG may precede FROM", "RUN x", "FROM a")]
    [InlineData(2, "only ARG may precede FROM", "ARG x", "ENV a=b", "FROM a")]
    [InlineData(1, "no instructions", "")]
    [InlineData(1, "no instructions", "# only", "# comments")]
    [InlineData(2, "no FROM", "ARG a", "ARG b")]
    [InlineData(1, "FROM requires either one argument, or three", "FROM a b")]
    [InlineData(1, "FROM requires either one argument, or three", "FROM a AS")]
    [InlineData(1, "FROM requires either one argument, or three", "FROM a BS b")]
    [InlineData(1, "invalid name for build stage: '1x'", "FROM a AS 1x")]
    [InlineData(1, "invalid name for build stage: 'b@c'", "FROM a AS b@c")]
    [InlineData(3, "duplicate stage name 'build'", "FROM a AS build", "RUN x", "FROM b AS Build")]
    [InlineData(2, "RUN requires at least one argument", "FROM a", "RUN")]
    [InlineData(2, "RUN requires at least one argument", "FROM a", "RUN --network=none")]
    [InlineData(2, "ENV requires at least one argument", "FROM a", "ENV    ")]
    [InlineData(2, "ONBUILD isn't allowed as an ONBUILD trigger", "FROM a", "ONBUILD ONBUILD RUN x")]
    [InlineData(2, "FROM isn't allowed as an ONBUILD trigger", "FROM a", "onbuild from b")]
    [InlineData(2, "MAINTAINER isn't allowed as an ONBUILD trigger", "FROM a", "ONBUILD MAINTAINER me")]
    [InlineData(2, "unknown instruction: BOGUS", "FROM a", "ONBUILD BOGUS x")]
    [InlineData(2, "a flag needs a name", "FROM a", "RUN --=x y")]
    public void Malformed_dockerfiles_fail_with_the_line(int line, string fragment, params string[] lines)
    {
        Assert.Contains(fragment, DockerfileAssert.ParseError(line, lines).Message);
    }

    [Fact]
    public void The_line_is_the_start_of_an_instruction_after_continuations_comments_and_heredocs()
    {
        DockerfileAssert.ParseError(8, "FROM a", "RUN x \\", "# c", "", "  y", "RUN <<EOF", "EOF", "NOPE x");
    }

    [Fact]
    public void The_file_name_is_in_the_message_and_the_target()
    {
        var error = Assert.Throws<ContainerPSException>(() => DockerfileParser.Parse("FROM a\nWHAT x\n", "build/Containerfile"));
        Assert.Equal("DockerfileParseError", error.ErrorId);
        Assert.StartsWith("build/Containerfile:2: unknown instruction: WHAT", error.Message);
        Assert.Equal("build/Containerfile", error.Target);
    }

    /// <summary>Random text from the characters the parser and lexer treat specially: only typed errors may come out.</summary>
    [Fact]
    public void Random_input_never_throws_a_raw_exception()
    {
        string[] pieces = ["FROM a", "RUN", "COPY", "ONBUILD", " ", "\t", "\n", "\\", "`", "#", "# escape=`", "<<", "<<-", "EOF", "'", "\"",
            "$", "{", "}", ":-", ":?", "+", "#", "%", "/", "*", "?", "[", "]", ",", "--", "--from=", "=", "AS", "x", "\r", "ENV ", "ARG ", "LABEL "];
        var random = new Random(12);
        for (int round = 0; round < 3000; round++)
        {
            string text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => pieces[random.Next(pieces.Length)]));
            AssertOnlyTypedErrors(() => DockerfileParser.Parse(text));
            AssertOnlyTypedErrors(() => ReadEveryKeyValueList(text));
            AssertOnlyTypedErrors(() => DockerfileWords.ExpandWords(text, _ => null));
            AssertOnlyTypedErrors(() => DockerfileWords.Expand(text, _ => "", '`'));
        }
    }

    private static void ReadEveryKeyValueList(string text)
    {
        foreach (DockerfileInstruction instruction in DockerfileParser.ParseInstructions(text, "Dockerfile", out _))
        {
            if (instruction.Keyword is "ENV" or "ARG" or "LABEL") DockerfileKeyValues.Read(instruction);
        }
    }

    private static void AssertOnlyTypedErrors(Action action)
    {
        try { action(); }
        catch (ContainerPSException error) { Assert.Contains(error.ErrorId, new[] { "DockerfileParseError", "BuildArgumentRequired" }); }
    }
}
