using ContainerPS.Engine.Build.Context;

namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>Paths are cleaned with Go's filepath.Clean rules before any matching.</summary>
public sealed class SlashPathTests
{
    [Theory]
    [InlineData("", ".")]
    [InlineData(".", ".")]
    [InlineData("./a//b/", "a/b")]
    [InlineData("a/./b/../c", "a/c")]
    [InlineData("../a", "../a")]
    [InlineData("a/../..", "..")]
    [InlineData("/../a", "/a")]
    [InlineData("/", "/")]
    [InlineData("//a/b/..", "/a")]
    public void Clean_follows_go(string path, string expected) => Assert.Equal(expected, SlashPath.Clean(path));
}
