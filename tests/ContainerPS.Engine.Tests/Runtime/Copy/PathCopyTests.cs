using ContainerPS.Engine.Errors;
using Xunit;

namespace ContainerPS.Engine.Tests.Runtime.Copy;

/// <summary>
/// The fd-safe copier on plain directories: a "container" root full of hostile symlinks (an absolute link to /, a
/// link to the host directory by its absolute path, ../ escapes, a symlinked parent) must never make a copy read or
/// write anything outside it. Runs as root (owners are kept as numbers).
/// </summary>
public sealed class PathCopyTests : IDisposable
{
    private readonly CopySandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void AnAbsoluteSymlinkedParentResolvesInsideTheRoot()
    {
        _box.Symlink(_box.HostPath, "escape");
        var source = Path.Combine(_box.Root, "payload");
        File.WriteAllText(source, "payload");

        var error = Assert.Throws<ContainerPSException>(() => _box.ToContainer().Copy(source, "/escape/planted"));

        Assert.Equal("ContainerPathNotFound", error.ErrorId);
        Assert.Equal(_box.HostBefore, _box.HostNow());
    }

    [Fact]
    public void ALinkToRootWritesIntoTheContainerRoot()
    {
        _box.Symlink("/", "slash");
        var source = Path.Combine(_box.Root, "payload");
        File.WriteAllText(source, "payload");

        var item = _box.ToContainer().Copy(source, "/slash/");

        Assert.Equal("/slash/payload", item.Path);
        Assert.Equal("payload", File.ReadAllText(_box.InContainer("payload")));
        Assert.False(File.Exists("/payload"));
    }

    [Fact]
    public void DotDotEscapesStopAtTheRoot()
    {
        Directory.CreateDirectory(_box.InContainer("a"));
        _box.Symlink("../../../../../../" + _box.HostPath.TrimStart('/'), "a/up");
        var source = Path.Combine(_box.Root, "payload");
        File.WriteAllText(source, "payload");

        Assert.Throws<ContainerPSException>(() => _box.ToContainer().Copy(source, "/a/up/secret"));
        Assert.Throws<ContainerPSException>(() => _box.ToContainer().Copy(source, "/../../../" + _box.HostPath.TrimStart('/') + "/secret"));
        Assert.Throws<ContainerPSException>(() => _box.FromContainer().Copy("/a/up/secret", Path.Combine(_box.Outside, "read")));

        Assert.Equal(_box.HostBefore, _box.HostNow());
        Assert.False(File.Exists(Path.Combine(_box.Outside, "read")));
    }

    [Fact]
    public void ASymlinkIsCopiedOutAsASymlinkNeverItsTarget()
    {
        _box.Symlink(_box.HostSecret, "secret-link");
        _box.Symlink("/etc/shadow", "shadow-link");
        var outSecret = Path.Combine(_box.Outside, "secret-link");
        var outShadow = Path.Combine(_box.Outside, "shadow-link");

        _box.FromContainer().Copy("/secret-link", outSecret);
        _box.FromContainer().Copy("/shadow-link", outShadow);

        Assert.Equal(_box.HostSecret, new FileInfo(outSecret).LinkTarget);
        Assert.Equal("/etc/shadow", new FileInfo(outShadow).LinkTarget);
    }

    [Fact]
    public void ATreeWithHostileLinksCopiesOutWithTheLinksAsLinks()
    {
        Directory.CreateDirectory(_box.InContainer("tree/sub"));
        File.WriteAllText(_box.InContainer("tree/sub/file"), "inside");
        _box.Symlink("/", "tree/root");
        _box.Symlink(_box.HostPath, "tree/host");
        _box.Symlink("../../../..", "tree/sub/up");

        var item = _box.FromContainer().Copy("/tree", Path.Combine(_box.Outside, "tree"));

        Assert.True(item.IsDirectory);
        var copied = ListWithoutFollowing(Path.Combine(_box.Outside, "tree")).Select(p => Path.GetRelativePath(_box.Outside, p)).Order(StringComparer.Ordinal);
        Assert.Equal(["tree/host", "tree/root", "tree/sub", "tree/sub/file", "tree/sub/up"], copied);
        Assert.Equal("/", new FileInfo(Path.Combine(_box.Outside, "tree/root")).LinkTarget);
        Assert.Equal(_box.HostBefore, _box.HostNow());
    }

    [Fact]
    public void CopyingIntoADirectoryThroughAHostLinkNeverWritesOnTheHost()
    {
        Directory.CreateDirectory(_box.InContainer("dest"));
        _box.Symlink(Path.Combine(_box.HostPath, "dir"), "dest/dir");
        var source = Path.Combine(_box.Root, "src");
        Directory.CreateDirectory(Path.Combine(source, "dir"));
        File.WriteAllText(Path.Combine(source, "dir", "planted"), "planted");

        // The tree's "dir" meets the container's symlink "dest/dir": the link is replaced, never followed.
        _box.ToContainer().Copy(source + "/.", "/dest");

        Assert.True(Directory.Exists(_box.InContainer("dest/dir")));
        Assert.Null(new DirectoryInfo(_box.InContainer("dest/dir")).LinkTarget);
        Assert.Equal("planted", File.ReadAllText(_box.InContainer("dest/dir/planted")));
        Assert.Equal(_box.HostBefore, _box.HostNow());
    }

    [Fact]
    public void OwnersModesTimesAndContentsAreKept()
    {
        var source = Path.Combine(_box.Root, "keep");
        File.WriteAllBytes(source, [1, 2, 3]);
        File.SetUnixFileMode(source, (UnixFileMode)0x1E0); // 0740
        Assert.Equal(0, ChownPath(source, 1234, 5678));
        var mtime = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(source, mtime);

        _box.ToContainer().Copy(source, "/kept");

        var copied = new FileInfo(_box.InContainer("kept"));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(copied.FullName));
        Assert.Equal((UnixFileMode)0x1E0, copied.UnixFileMode);
        Assert.Equal(mtime, copied.LastWriteTimeUtc);
        Assert.True(ContainerPS.Engine.Native.FileStatus.TryGet(copied.FullName, out var status));
        Assert.Equal(1234u, (uint)status.st_uid);
        Assert.Equal(5678u, (uint)status.st_gid);
    }

    [Fact]
    public void ADirectoryNeverReplacesAFileAndAFileNeedsAnExistingDirectory()
    {
        File.WriteAllText(_box.InContainer("file"), "x");
        var dir = Path.Combine(_box.Root, "d");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(_box.Root, "f");
        File.WriteAllText(file, "f");

        Assert.Equal("CopyFailed", Assert.Throws<ContainerPSException>(() => _box.ToContainer().Copy(dir, "/file")).ErrorId);
        Assert.Equal("CopyFailed", Assert.Throws<ContainerPSException>(() => _box.ToContainer().Copy(file, "/missing/")).ErrorId);
        Assert.Equal("HostPathNotFound", Assert.Throws<ContainerPSException>(() => _box.ToContainer().Copy(file + ".none", "/")).ErrorId);
        Assert.Equal("ContainerPathNotFound", Assert.Throws<ContainerPSException>(() => _box.FromContainer().Copy("/none", _box.Outside)).ErrorId);
    }

    // Directory.EnumerateFileSystemEntries would descend into the copied link to "/".
    private static IEnumerable<string> ListWithoutFollowing(string directory)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            yield return entry.FullName;
            if (entry is DirectoryInfo { LinkTarget: null } child)
            {
                foreach (var nested in ListWithoutFollowing(child.FullName)) yield return nested;
            }
        }
    }

    private static unsafe int ChownPath(string path, uint uid, uint gid)
    {
        fixed (byte* p = ContainerPS.Engine.Native.Utf8Path.ToArray(path))
        {
            return Tmds.Linux.LibC.lchown(p, uid, gid);
        }
    }
}
