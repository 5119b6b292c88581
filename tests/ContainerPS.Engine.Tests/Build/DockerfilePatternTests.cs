using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build;

/// <summary>Dockerfile reference, "Environment replacement": <c>${v#p}</c>, <c>${v##p}</c>, <c>${v%p}</c>, <c>${v%%p}</c>, <c>${v/p/r}</c>, <c>${v//p/r}</c>.</summary>
public sealed class DockerfilePatternTests
{
    private static readonly Func<string, string?> Variables = DockerfileWords.LookupIn(new Dictionary<string, string>
    {
        ["path"] = "a/b/c",
        ["file"] = "app.tar.gz",
        ["star"] = "a*b",
        ["sep"] = "/",
    });

    [Theory]
    [InlineData("${path#*/}", "b/c")]
    [InlineData("${path##*/}", "c")]
    [InlineData("${path%/*}", "a/b")]
    [InlineData("${path%%/*}", "a")]
    [InlineData("${path#nomatch}", "a/b/c")]
    [InlineData("${path#?}", "/b/c")]
    [InlineData("${path%?}", "a/b/")]
    [InlineData("${file%.tar.gz}", "app")]
    [InlineData("${file%.*}", "app.tar")]
    [InlineData("${file%%.*}", "app")]
    [InlineData("${file#app.}", "tar.gz")]
    [InlineData("${unset#x}", "")]
    [InlineData("${path#*$sep}", "b/c")]
    [InlineData("${star#a\\*}", "b")]
    [InlineData("${star%\\*b}", "a")]
    public void Prefix_and_suffix_patterns_trim_shortest_or_longest(string text, string expected) =>
        Assert.Equal(expected, DockerfileWords.Expand(text, Variables));

    [Theory]
    [InlineData("${path/b/X}", "a/X/c")]
    [InlineData("${path/\\//-}", "a-b/c")]
    [InlineData("${path//\\//-}", "a-b-c")]
    [InlineData("${path//[/-}", "a/b/c")]
    [InlineData("${path/*\\//}", "c")]
    [InlineData("${star/\\*/s}", "asb")]
    [InlineData("${unset/a/b}", "")]
    public void Replacement_patterns_replace_the_first_or_every_match(string text, string expected) =>
        Assert.Equal(expected, DockerfileWords.Expand(text, Variables));

    [Theory]
    [InlineData("${path#\\a}", "invalid pattern")]
    [InlineData("${path/a", "missing '/'")]
    [InlineData("${path/a/b", "missing '}'")]
    [InlineData("${path%x", "missing '}'")]
    public void Bad_patterns_are_parse_errors(string text, string fragment)
    {
        var error = Assert.Throws<ContainerPSException>(() => DockerfileWords.Expand(text, Variables));
        Assert.Equal("DockerfileParseError", error.ErrorId);
        Assert.Contains(fragment, error.Message);
    }
}
