using ContainerPS.Engine.Archive;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Archive;

public sealed class ArchiveEntryNameTests
{
    [Theory]
    [InlineData("manifest.json", "manifest.json")]
    [InlineData("./blobs/sha256/ab", "blobs/sha256/ab")]
    [InlineData("a//b/./c", "a/b/c")]
    public void Names_are_normalised(string raw, string expected) => Assert.Equal(expected, ArchiveEntryName.Normalize(raw));

    [Theory]
    [InlineData(".")]
    [InlineData("./")]
    public void The_root_itself_has_no_name(string raw) => Assert.Null(ArchiveEntryName.Normalize(raw));

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("a/..")]
    [InlineData("/etc/passwd")]
    [InlineData("a\0b")]
    public void Escaping_names_are_unsafe(string raw) =>
        Assert.Equal("ArchiveEntryUnsafe", Assert.Throws<ContainerPSException>(() => ArchiveEntryName.Normalize(raw)).ErrorId);

    [Theory]
    [InlineData("a/layer.tar", "../b/layer.tar", "b/layer.tar")]
    [InlineData("a/b/layer.tar", "./x", "a/b/x")]
    public void Symlinks_resolve_inside_the_archive(string entry, string link, string expected) =>
        Assert.Equal(expected, ArchiveEntryName.ResolveSymlink(entry, link));

    [Theory]
    [InlineData("layer.tar", "../x")]
    [InlineData("a/layer.tar", "../../x")]
    [InlineData("a/layer.tar", "/etc/passwd")]
    [InlineData("a/layer.tar", "..")]
    public void Symlinks_leading_outside_are_unsafe(string entry, string link) =>
        Assert.Equal("ArchiveEntryUnsafe", Assert.Throws<ContainerPSException>(() => ArchiveEntryName.ResolveSymlink(entry, link)).ErrorId);
}
