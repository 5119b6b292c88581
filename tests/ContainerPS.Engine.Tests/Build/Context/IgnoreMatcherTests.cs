using ContainerPS.Engine.Build.Context;

namespace ContainerPS.Engine.Tests.Build.Context;

/// <summary>Which context paths a .dockerignore leaves out (Dockerfile reference, ".dockerignore file").</summary>
public sealed class IgnoreMatcherTests
{
    private static IgnoreMatcher Matcher(string patterns) => DockerignoreFile.Parse(patterns.Replace(';', '\n'), ".dockerignore");

    [Theory]
    [InlineData("foo", "foo", true)]
    [InlineData("foo", "foo/bar", true)]
    [InlineData("foo", "foo/bar/baz", true)]
    [InlineData("foo", "foobar", false)]
    [InlineData("foo", "a/foo", false)]
    [InlineData("/foo", "foo/x", true)]
    [InlineData("foo/", "foo/x", true)]
    [InlineData("a/b", "a/b/c", true)]
    [InlineData("a/b", "a", false)]
    [InlineData("*.md", "README.md", true)]
    [InlineData("*.md", "docs/README.md", false)]
    [InlineData("*/*.md", "docs/README.md", true)]
    [InlineData("*/temp*", "somedir/temporary.txt", true)]
    [InlineData("*/temp*", "somedir/sub/temp", false)]
    [InlineData("*/*/temp*", "a/b/temp.txt", true)]
    [InlineData("temp?", "temp1", true)]
    [InlineData("temp?", "temp12", false)]
    [InlineData("temp?", "temp/", false)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("[a-c].txt", "b.txt", true)]
    [InlineData("[a-c].txt", "d.txt", false)]
    [InlineData("[^a-c].txt", "d.txt", true)]
    [InlineData("a.txt", "aXtxt", false)]
    [InlineData("a+(b)", "a+(b)", true)]
    [InlineData("\\*", "*", true)]
    [InlineData("\\*", "x", false)]
    [InlineData("**/*.go", "main.go", true)]
    [InlineData("**/*.go", "a/b/c/main.go", true)]
    [InlineData("**/*.go", "a/b/main.goo", false)]
    [InlineData("**/foo", "foo", true)]
    [InlineData("**/foo", "a/b/foo", true)]
    [InlineData("**/foo", "a/b/foo/x", true)]
    [InlineData("**/foo", "a/bfoo", false)]
    [InlineData("foo/**", "foo/a/b", true)]
    [InlineData("foo/**", "foox", false)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("a/**/b", "a/x/y/c", false)]
    [InlineData("**", "anything/at/all", true)]
    [InlineData("a/**/*.txt", "a/x/y.txt", true)]
    [InlineData("a/**/*.txt", "b/x/y.txt", false)]
    public void Single_patterns(string pattern, string path, bool ignored) => Assert.Equal(ignored, Matcher(pattern).IsIgnored(path));

    [Theory]
    [InlineData("*.md;!README.md", "README.md", false)]
    [InlineData("*.md;!README.md", "CHANGES.md", true)]
    [InlineData("!README.md;*.md", "README.md", true)]
    [InlineData("*.md;!README*.md;README-secret.md", "README-secret.md", true)]
    [InlineData("*.md;!README*.md;README-secret.md", "README-public.md", false)]
    [InlineData("build;!build/keep.txt", "build/keep.txt", false)]
    [InlineData("build;!build/keep.txt", "build/other.txt", true)]
    [InlineData("build;!build/keep.txt", "build", true)]
    [InlineData("**;!src", "src/a/b.cs", false)]
    [InlineData("**;!src", "bin/x", true)]
    [InlineData("**;!src;src/obj", "src/obj/x", true)]
    [InlineData("node_modules;!**/keep", "node_modules/a/keep", false)]
    public void The_last_matching_pattern_wins(string patterns, string path, bool ignored) =>
        Assert.Equal(ignored, Matcher(patterns).IsIgnored(path));

    [Fact]
    public void Nothing_is_ignored_without_patterns() => Assert.False(IgnoreMatcher.Empty.IsIgnored("a/b"));

    [Theory]
    [InlineData("build", "build", false)]
    [InlineData("build;!build/keep.txt", "build", true)]
    [InlineData("build;!build/sub/keep.txt", "build/sub", true)]
    [InlineData("build;!build/keep.txt", "other", false)]
    [InlineData("build;!build/sub/**", "build/sub", true)]
    [InlineData("build;!buildx/a", "build", false)]
    [InlineData("build;!**/keep", "build", true)]
    [InlineData("build;!other/*.txt", "build", true)]
    public void Excluded_directories_are_walked_when_an_exception_may_reach_below(string patterns, string directory, bool walk) =>
        Assert.Equal(walk, Matcher(patterns).MayReincludeBelow(directory));
}
