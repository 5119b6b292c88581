using ContainerPS.Engine.Build.Context;

namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>Wildcard sources, matched per segment with Go's filepath.Match (Dockerfile reference, "COPY", "Pattern matching").</summary>
public sealed class BuildContextGlobTests
{
    private static TempContext Sample() =>
        new TempContext().File("a.txt").File("b.txt").File("c.md").File("hom.txt").File("home.txt")
            .File("dir/one/x").File("dir/two/x").File("dir/two/y").File("dir/three/z").File("d.txt/inner");

    [Theory]
    [InlineData("*.txt", new[] { "a.txt", "b.txt", "d.txt", "hom.txt", "home.txt" })]
    [InlineData("/*.md", new[] { "c.md" })]
    [InlineData("?.txt", new[] { "a.txt", "b.txt", "d.txt" })]
    [InlineData("[a-b].txt", new[] { "a.txt", "b.txt" })]
    [InlineData("[^a-b].*", new[] { "c.md", "d.txt" })]
    [InlineData("hom?.txt", new[] { "home.txt" })]
    [InlineData("dir/*/x", new[] { "dir/one/x", "dir/two/x" })]
    [InlineData("dir/t*/?", new[] { "dir/three/z", "dir/two/x", "dir/two/y" })]
    [InlineData("*/inner", new[] { "d.txt/inner" })]
    public void Wildcards_match_per_segment(string source, string[] expected)
    {
        using TempContext temp = Sample();
        Assert.Equal(expected, temp.Open().Matched(source));
    }

    [Fact]
    public void A_star_does_not_cross_directories()
    {
        using TempContext temp = Sample();
        temp.Open().Fails("dir*x", "BuildSourceNotFound");
        temp.Open().Fails("*/x", "BuildSourceNotFound");
    }

    [Fact]
    public void A_double_star_is_just_a_star_in_sources()
    {
        using TempContext temp = Sample();
        Assert.Equal(["d.txt/inner"], temp.Open().Matched("**/inner"));
        temp.Open().Fails("**/x", "BuildSourceNotFound");
    }

    [Fact]
    public void A_matched_directory_stands_for_its_contents()
    {
        using TempContext temp = Sample();
        SourceMatch two = temp.Open().ResolveSource("dir/tw*").Single();
        Assert.Equal(["x", "y"], two.Contents.Select(two.PathInSource));
    }

    [Fact]
    public void An_escaped_wildcard_is_literal()
    {
        using TempContext temp = Sample();
        temp.File("star*name");
        Assert.Equal(["star*name"], temp.Open().Matched("star\\*name"));
    }

    [Fact]
    public void No_match_is_not_found_with_the_source()
    {
        using TempContext temp = Sample();
        var error = temp.Open().Fails("*.cs", "BuildSourceNotFound");
        Assert.Contains("*.cs", error.Message);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("dir/[a-")]
    [InlineData("x[]")]
    public void A_bad_wildcard_is_reported(string source)
    {
        using TempContext temp = Sample();
        temp.Open().Fails(source, "BuildSourceInvalidPattern");
    }

    [Fact]
    public void Ignored_names_are_invisible_to_wildcards()
    {
        using TempContext temp = Sample();
        temp.Ignore("b.txt", "dir/two");
        Assert.Equal(["a.txt", "d.txt", "hom.txt", "home.txt"], temp.Open().Matched("*.txt"));
        Assert.Equal(["dir/one/x"], temp.Open().Matched("dir/*/x"));
    }
}
