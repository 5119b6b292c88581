using ContainerPS.Engine.Build.Context;

namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>Wildcards of one path segment behave as Go's filepath.Match.</summary>
public sealed class GoGlobTests
{
    [Theory]
    [InlineData("*.txt", "a.txt", true)]
    [InlineData("*.txt", "a.md", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "aXbY", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[a-c]x", "dx", false)]
    [InlineData("[^a-c]x", "dx", true)]
    [InlineData("[^a-c]x", "ax", false)]
    [InlineData("[abc]", "c", true)]
    [InlineData("[\\]]", "]", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "axb", false)]
    [InlineData("*", "a/b", false)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("**", "ab", true)]
    public void Matches_like_go(string pattern, string name, bool expected)
    {
        Assert.Null(GoGlob.Problem(pattern));
        Assert.Equal(expected, GoGlob.Matches(pattern, name));
    }

    [Theory]
    [InlineData("[")]
    [InlineData("a[")]
    [InlineData("[]")]
    [InlineData("[]a]")]
    [InlineData("[-a]")]
    [InlineData("[a-]")]
    [InlineData("[^]")]
    [InlineData("a\\")]
    [InlineData("[a\\")]
    public void Malformed_patterns_are_reported(string pattern) => Assert.NotNull(GoGlob.Problem(pattern));

    [Theory]
    [InlineData("plain", false)]
    [InlineData("a*", true)]
    [InlineData("a?", true)]
    [InlineData("[a]", true)]
    [InlineData("a\\b", true)]
    public void Meta_characters_make_a_wildcard(string pattern, bool expected) => Assert.Equal(expected, GoGlob.HasMeta(pattern));
}
