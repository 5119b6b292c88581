using ContainerPS.Engine.Build.Execution;

namespace ContainerPS.Engine.Tests.Build.Execution;

/// <summary>ADD's URL sources: which words are URLs, and the file name a URL gets at a directory destination.</summary>
public sealed class AddUrlTests
{
    [Theory]
    [InlineData("http://example.test/a/b.tar.gz", "b.tar.gz")]
    [InlineData("https://example.test/a/b/", "b")]
    [InlineData("https://example.test/dl/file.txt?version=2#top", "file.txt")]
    [InlineData("https://example.test/a%20b.txt", "a b.txt")]
    [InlineData("https://example.test/", AddUrl.UnnamedFile)]
    [InlineData("https://example.test", AddUrl.UnnamedFile)]
    public void TheNameIsTheLastSegmentOfThePath(string url, string expected) =>
        Assert.Equal(expected, AddUrl.FileName(new Uri(url)));

    [Theory]
    [InlineData("http://example.test/x", true)]
    [InlineData("HTTPS://example.test/x", true)]
    [InlineData("ftp://example.test/x", false)]
    [InlineData("src/http://x", false)]
    [InlineData("file.txt", false)]
    [InlineData("git@github.com:o/r.git", false)]
    public void OnlyHttpAndHttpsAreUrls(string word, bool isUrl) => Assert.Equal(isUrl, AddUrl.Parse(word) is not null);

    [Fact]
    public void AUrlSourceIsNamedByItsUrl() =>
        Assert.Equal("b.txt", new CopySource(Url: new Uri("http://127.0.0.1/a/b.txt")).BaseName);
}
