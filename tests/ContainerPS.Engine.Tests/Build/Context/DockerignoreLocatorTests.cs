using ContainerPS.Engine.Build.Context;

namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>&lt;Dockerfile&gt;.dockerignore next to the Dockerfile wins over the context's .dockerignore, as in BuildKit.</summary>
public sealed class DockerignoreLocatorTests
{
    [Fact]
    public void The_context_root_file_applies_by_default()
    {
        using var context = new TempContext();
        context.Ignore("a").File("Dockerfile");
        Assert.Equal(Path.Combine(context.Root, ".dockerignore"), DockerignoreLocator.Find(context.Root, "Dockerfile"));
        Assert.True(DockerignoreLocator.Load(context.Root, null).IsIgnored("a"));
    }

    [Fact]
    public void A_dockerfile_specific_file_takes_precedence()
    {
        using var context = new TempContext();
        context.Ignore("a").File("build/app.Dockerfile").File("build/app.Dockerfile.dockerignore", "b");
        IgnoreMatcher matcher = DockerignoreLocator.Load(context.Root, "build/app.Dockerfile");
        Assert.True(matcher.IsIgnored("b"));
        Assert.False(matcher.IsIgnored("a"));
    }

    [Fact]
    public void An_absolute_dockerfile_path_finds_its_own_file()
    {
        using var context = new TempContext();
        string elsewhere = Path.Combine(context.Parent, "Dockerfile");
        File.WriteAllText(elsewhere, "FROM a");
        File.WriteAllText(elsewhere + ".dockerignore", "c");
        Assert.True(DockerignoreLocator.Load(context.Root, elsewhere).IsIgnored("c"));
    }

    [Fact]
    public void Another_dockerfiles_file_does_not_apply()
    {
        using var context = new TempContext();
        context.Ignore("a").File("other.Dockerfile.dockerignore", "b").File("Dockerfile");
        IgnoreMatcher matcher = DockerignoreLocator.Load(context.Root, "Dockerfile");
        Assert.True(matcher.IsIgnored("a"));
        Assert.False(matcher.IsIgnored("b"));
    }

    [Fact]
    public void No_file_means_nothing_is_ignored()
    {
        using var context = new TempContext();
        Assert.Null(DockerignoreLocator.Find(context.Root, "Dockerfile"));
        Assert.Empty(DockerignoreLocator.Load(context.Root, "Dockerfile").Patterns);
    }

    [Fact]
    public void Build_context_open_uses_the_located_file()
    {
        using var context = new TempContext();
        context.Ignore("a").File("x.Dockerfile.dockerignore", "b").File("a").File("b");
        var build = BuildContext.Open(context.Root, "x.Dockerfile");
        Assert.Single(build.ResolveSource("a"));
        Assert.Throws<Engine.Errors.ContainerPSException>(() => build.ResolveSource("b"));
    }
}
