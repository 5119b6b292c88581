using ContainerPS.Engine.Build.Context;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>A .dockerignore file is read as docker reads it (Dockerfile reference, ".dockerignore file").</summary>
public sealed class DockerignoreFileTests
{
    private static string[] Texts(string text) =>
        DockerignoreFile.Parse(text, ".dockerignore").Patterns.Select(p => p.ToString()).ToArray();

    [Fact]
    public void Comments_and_blank_lines_are_skipped()
    {
        Assert.Equal(["a", "b"], Texts("# comment\n\na\n   \n\t\n#b\nb\n"));
    }

    [Fact]
    public void A_hash_after_blanks_is_a_pattern_not_a_comment()
    {
        Assert.Equal(["# x"], Texts("  # x"));
    }

    [Fact]
    public void Whitespace_around_patterns_and_after_the_bang_is_trimmed()
    {
        Assert.Equal(["a b", "!c", "d"], Texts("  a b  \n!  c \r\n\td\r"));
    }

    [Fact]
    public void A_byte_order_mark_is_dropped()
    {
        Assert.Equal(["a"], Texts("\uFEFFa"));
    }

    [Theory]
    [InlineData("/a/b", "a/b")]
    [InlineData("./a//b/", "a/b")]
    [InlineData("a/../b", "b")]
    [InlineData("!/a/./c", "!a/c")]
    [InlineData("/", "/")]
    [InlineData("**/", "**")]
    public void Patterns_are_cleaned_and_lose_a_leading_slash(string line, string expected)
    {
        Assert.Equal([expected], Texts(line));
    }

    [Fact]
    public void Patterns_remember_their_line()
    {
        IgnoreMatcher matcher = DockerignoreFile.Parse("# c\n\na\n!b", "x");
        Assert.Equal([3, 4], matcher.Patterns.Select(p => p.Line));
        Assert.Equal([false, true], matcher.Patterns.Select(p => p.IsException));
    }

    [Theory]
    [InlineData("ok\n[", 2)]
    [InlineData("!", 1)]
    [InlineData("# c\n  !  ", 2)]
    [InlineData("a/[]b", 1)]
    [InlineData("x\ny\nab\\", 3)]
    [InlineData("[a-]", 1)]
    public void Bad_patterns_fail_with_file_and_line(string text, int line)
    {
        var error = Assert.Throws<ContainerPSException>(() => DockerignoreFile.Parse(text, "app/.dockerignore"));
        Assert.Equal(DockerignoreFile.InvalidPatternId, error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains($"app/.dockerignore:{line}:", error.Message);
    }

    [Fact]
    public void Load_reads_a_file_from_disk()
    {
        using var context = new TempContext();
        context.Ignore("a", "!b");
        IgnoreMatcher matcher = DockerignoreFile.Load(Path.Combine(context.Root, ".dockerignore"));
        Assert.Equal(["a", "!b"], matcher.Patterns.Select(p => p.ToString()));
    }
}
