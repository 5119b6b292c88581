using ContainerPS.Engine.Build.Context;

namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>
/// Symbolic links never let a read leave the context: below a source they are kept as links, a source that is a
/// link is followed only inside the context, absolute targets being relative to its root (Dockerfile reference, "COPY").
/// </summary>
public sealed class BuildContextSymlinkTests
{
    [Fact]
    public void A_link_below_a_source_is_returned_as_a_link()
    {
        using var temp = new TempContext();
        temp.File("app/real.txt").Link("app/passwd", "/etc/passwd").Link("app/up", "../../outside");
        SourceMatch match = temp.Open().ResolveSource("app").Single();
        ContextEntry passwd = match.Contents.Single(e => e.ContextPath == "app/passwd");
        Assert.Equal(ContextEntryKind.Symlink, passwd.Kind);
        Assert.Equal("/etc/passwd", passwd.LinkTarget);
        Assert.Equal(ContextEntryKind.Symlink, match.Contents.Single(e => e.ContextPath == "app/up").Kind);
    }

    [Fact]
    public void A_link_to_a_directory_below_a_source_is_not_walked()
    {
        using var temp = new TempContext();
        temp.File("data/x").Link("app/data", "../data");
        Assert.Equal(["app/data"], temp.Open().Contents("app"));
    }

    [Fact]
    public void A_source_that_is_a_link_is_followed_inside_the_context()
    {
        using var temp = new TempContext();
        temp.File("real/file.txt", "content").Link("alias", "real/file.txt").Link("dirlink", "real");
        BuildContext context = temp.Open();
        SourceMatch file = context.ResolveSource("alias").Single();
        Assert.Equal("alias", file.MatchedPath);
        Assert.Equal("real/file.txt", file.Entry.ContextPath);
        Assert.Equal(ContextEntryKind.File, file.Entry.Kind);
        Assert.Equal(["real/file.txt"], context.Contents("dirlink"));
        Assert.Equal(["real/file.txt"], context.ResolveSource("dirlink/file.txt").Select(m => m.Entry.ContextPath));
    }

    [Fact]
    public void An_absolute_link_target_is_relative_to_the_context_root()
    {
        using var temp = new TempContext();
        temp.File("etc/passwd", "context copy").Link("passwd", "/etc/passwd");
        Assert.Equal("etc/passwd", temp.Open().ResolveSource("passwd").Single().Entry.ContextPath);
    }

    [Fact]
    public void A_link_pointing_outside_cannot_read_outside()
    {
        using var temp = new TempContext();
        File.WriteAllText(Path.Combine(temp.Parent, "outside.txt"), "secret");
        Directory.CreateDirectory(Path.Combine(temp.Parent, "outdir"));
        File.WriteAllText(Path.Combine(temp.Parent, "outdir", "s"), "secret");
        temp.Link("up", "../outside.txt").Link("abs", Path.Combine(temp.Parent, "outside.txt")).Link("dir", "../outdir");
        BuildContext context = temp.Open();
        context.Fails("up", "BuildSourceNotFound");
        context.Fails("abs", "BuildSourceNotFound");
        context.Fails("dir/s", "BuildSourceNotFound");
        context.Fails("dir/*", "BuildSourceNotFound");
    }

    [Fact]
    public void A_link_climbing_out_lands_on_the_same_name_in_the_root()
    {
        using var temp = new TempContext();
        temp.File("outside.txt", "inside").Link("a/b/up", "../../../../outside.txt");
        Assert.Equal("outside.txt", temp.Open().ResolveSource("a/b/up").Single().Entry.ContextPath);
    }

    [Fact]
    public void Wildcards_see_links_as_names_and_follow_matched_ones_inside()
    {
        using var temp = new TempContext();
        temp.File("real/x.txt").Link("link.txt", "real/x.txt").Link("bad.txt", "/nowhere");
        SourceMatch[] matches = temp.Open().ResolveSource("*.txt").ToArray();
        Assert.Equal(["link.txt"], matches.Select(m => m.MatchedPath));
        Assert.Equal("real/x.txt", matches[0].Entry.ContextPath);
    }

    [Fact]
    public void A_broken_link_source_is_not_found()
    {
        using var temp = new TempContext();
        temp.Link("dangling", "missing");
        temp.Open().Fails("dangling", "BuildSourceNotFound");
    }

    [Fact]
    public void A_link_loop_is_reported()
    {
        using var temp = new TempContext();
        temp.Link("a", "b").Link("b", "a");
        temp.Open().Fails("a", "BuildContextSymlinkLoop");
    }

    [Fact]
    public void An_ignored_link_or_an_ignored_target_is_not_found()
    {
        using var temp = new TempContext();
        temp.File("real.txt").File("secret.txt").Link("alias", "real.txt").Link("peek", "secret.txt").Ignore("alias", "secret.txt");
        BuildContext context = temp.Open();
        context.Fails("alias", "BuildSourceNotFound");
        context.Fails("peek", "BuildSourceNotFound");
    }
}
