using ContainerPS.Engine.Build.Context;

namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>Ignored files are absent from the context as COPY/ADD sees it (Dockerfile reference, ".dockerignore file").</summary>
public sealed class BuildContextIgnoreTests
{
    [Fact]
    public void An_ignored_file_is_not_found()
    {
        using var temp = new TempContext();
        temp.File("secret.env").File("app.cs").Ignore("*.env");
        temp.Open().Fails("secret.env", "BuildSourceNotFound");
        Assert.Equal(["app.cs"], temp.Open().Matched("app.cs"));
    }

    [Fact]
    public void Files_under_an_ignored_directory_are_not_found()
    {
        using var temp = new TempContext();
        temp.File("bin/x/tool").Ignore("bin");
        temp.Open().Fails("bin/x/tool", "BuildSourceNotFound");
        temp.Open().Fails("bin", "BuildSourceNotFound");
    }

    [Fact]
    public void Ignored_entries_are_left_out_of_directory_contents()
    {
        using var temp = new TempContext();
        temp.File("src/a.cs").File("src/a.tmp").File("src/obj/o.dll").File("src/sub/b.tmp").Ignore("**/*.tmp", "src/obj");
        Assert.Equal(["src/a.cs", "src/sub"], temp.Open().Contents("src"));
    }

    [Fact]
    public void An_exception_re_includes_a_file_under_an_excluded_directory()
    {
        using var temp = new TempContext();
        temp.File("build/keep.txt").File("build/drop.txt").File("build/deep/also.txt").Ignore("build", "!build/keep.txt");
        BuildContext context = temp.Open();
        Assert.Equal(["build/keep.txt"], context.Matched("build/keep.txt"));
        context.Fails("build/drop.txt", "BuildSourceNotFound");
        Assert.Equal(["build/keep.txt"], context.Contents("build"));
        Assert.Equal([".dockerignore", "build", "build/keep.txt"], context.Contents("."));
    }

    [Fact]
    public void A_wildcard_exception_re_includes_deep_files()
    {
        using var temp = new TempContext();
        temp.File("node_modules/a/keep").File("node_modules/a/drop").File("node_modules/b/drop").Ignore("node_modules", "!**/keep");
        Assert.Equal([".dockerignore", "node_modules", "node_modules/a", "node_modules/a/keep"], temp.Open().Contents("."));
    }

    [Fact]
    public void Everything_ignored_but_one_directory()
    {
        using var temp = new TempContext();
        temp.File("src/a.cs").File("src/obj/o").File("README.md").File("Dockerfile").Ignore("**", "!src", "src/obj");
        BuildContext context = temp.Open();
        Assert.Equal(["src", "src/a.cs"], context.Contents("."));
        context.Fails("README.md", "BuildSourceNotFound");
        context.Fails("src/obj", "BuildSourceNotFound");
    }

    [Fact]
    public void Later_patterns_override_exceptions()
    {
        using var temp = new TempContext();
        temp.File("README.md").File("README-secret.md").File("CHANGES.md").Ignore("*.md", "!README*.md", "README-secret.md");
        Assert.Equal(["README.md"], temp.Open().Matched("*.md"));
    }

    [Fact]
    public void The_dockerignore_file_can_ignore_itself()
    {
        using var temp = new TempContext();
        temp.Ignore(".dockerignore");
        temp.Open().Fails(".dockerignore", "BuildSourceNotFound");
    }

    [Fact]
    public void An_excluded_directory_without_reachable_exceptions_is_not_walked()
    {
        using var temp = new TempContext();
        temp.File("cache/a").File("keep/b").Ignore("cache", "!keep/b");
        Assert.Equal([".dockerignore", "keep", "keep/b"], temp.Open().Contents("."));
    }
}
