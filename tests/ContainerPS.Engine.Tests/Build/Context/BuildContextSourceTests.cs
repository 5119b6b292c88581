using ContainerPS.Engine.Build.Context;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>Plain COPY/ADD sources, directories as their contents, and missing sources (Dockerfile reference, "COPY").</summary>
public sealed class BuildContextSourceTests
{
    [Fact]
    public void A_plain_file_resolves_to_itself()
    {
        using var temp = new TempContext();
        temp.File("app/main.cs", "hello");
        SourceMatch match = temp.Open().ResolveSource("app/main.cs").Single();
        Assert.Equal("app/main.cs", match.MatchedPath);
        Assert.Equal(ContextEntryKind.File, match.Entry.Kind);
        Assert.Equal(Path.Combine(temp.Root, "app", "main.cs"), match.Entry.FullPath);
        Assert.Empty(match.Contents);
    }

    [Theory]
    [InlineData("./app//main.cs")]
    [InlineData("app/x/../main.cs")]
    [InlineData("/app/main.cs")]
    [InlineData("//app/./main.cs")]
    public void Sources_are_cleaned_and_absolute_ones_are_relative_to_the_root(string source)
    {
        using var temp = new TempContext();
        temp.File("app/main.cs");
        Assert.Equal("app/main.cs", temp.Open().ResolveSource(source).Single().Entry.ContextPath);
    }

    [Fact]
    public void A_directory_stands_for_its_contents_depth_first_sorted()
    {
        using var temp = new TempContext();
        temp.File("src/b.txt").File("src/a/z.txt").File("src/a/y.txt").Dir("src/empty");
        BuildContext context = temp.Open();
        SourceMatch match = context.ResolveSource("src").Single();
        Assert.Equal(ContextEntryKind.Directory, match.Entry.Kind);
        Assert.Equal(["src/a", "src/a/y.txt", "src/a/z.txt", "src/b.txt", "src/empty"], match.Contents.Select(e => e.ContextPath));
        Assert.Equal(["a", "a/y.txt", "a/z.txt", "b.txt", "empty"], match.Contents.Select(match.PathInSource));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("/")]
    [InlineData("./")]
    public void The_root_is_the_whole_context(string source)
    {
        using var temp = new TempContext();
        temp.File("a").File("d/b");
        SourceMatch match = temp.Open().ResolveSource(source).Single();
        Assert.Equal("", match.Entry.ContextPath);
        Assert.Equal(["a", "d", "d/b"], match.Contents.Select(e => e.ContextPath));
        Assert.Equal(["a", "d", "d/b"], match.Contents.Select(match.PathInSource));
    }

    [Theory]
    [InlineData("missing.txt")]
    [InlineData("dir/missing")]
    [InlineData("file.txt/below")]
    [InlineData("")]
    public void A_missing_source_is_not_found_and_named(string source)
    {
        using var temp = new TempContext();
        temp.File("file.txt").Dir("dir");
        ContainerPSException error = temp.Open().Fails(source, "BuildSourceNotFound");
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains($"'{source}'", error.Message);
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("..")]
    [InlineData("a/../../outside.txt")]
    [InlineData("../ctx/a")]
    public void Climbing_above_the_root_is_an_escape(string source)
    {
        using var temp = new TempContext();
        temp.File("a");
        File.WriteAllText(Path.Combine(temp.Parent, "outside.txt"), "secret");
        ContainerPSException error = temp.Open().Fails(source, "BuildContextEscape");
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(source, error.Message);
    }

    [Fact]
    public void An_absolute_source_never_reaches_the_host_root()
    {
        using var temp = new TempContext();
        temp.Open().Fails("/etc/passwd", "BuildSourceNotFound");
    }

    [Fact]
    public void Dot_dot_inside_the_context_is_fine()
    {
        using var temp = new TempContext();
        temp.File("a/b");
        Assert.Equal(["a/b"], temp.Open().Matched("a/../a/b"));
    }
}
