using System.Formats.Tar;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Build.Execution;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Native;
using ContainerPS.Engine.Runtime.Copy;
using ContainerPS.Engine.Tests.Unpack;
using Tmds.Linux;

namespace ContainerPS.Engine.Tests.Build.Execution;

/// <summary>
/// ADD's extraction of a local tar archive into a destination directory opened as an fd (the test runs as root):
/// what the archive says about each entry is kept, <c>--chown</c> replaces the owners, and no entry can land
/// outside the destination (the sandbox's host stand-in stays untouched).
/// </summary>
public sealed unsafe class ArchiveExtractorTests : IDisposable
{
    private static readonly SourceLocation At = new("Dockerfile", 3);
    private static readonly DateTimeOffset Time = new(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly UnpackSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private string Dest(string relative) => _sandbox.InLayer(relative);

    private void Extract(byte[] tar, CopyOwnership? chown = null)
    {
        fixed (byte* p = Utf8Path.ToArray(_sandbox.Layer))
        {
            int fd = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
            Assert.True(fd >= 0);
            try
            {
                new ArchiveExtractor(fd, chown, At, "a.tar", CancellationToken.None).Extract(new MemoryStream(tar));
            }
            finally
            {
                LibC.close(fd);
            }
        }
    }

    private ContainerPSException ExtractFails(byte[] tar) => Assert.Throws<ContainerPSException>(() => Extract(tar));

    [Fact]
    public void EntriesKeepTheArchivesOwnersModesAndTimes()
    {
        Extract(new LayerTar()
            .Directory("app", (UnixFileMode)0x1C0, uid: 7, gid: 8, time: Time)
            .File("app/run.sh", "#!/bin/sh\n", (UnixFileMode)0x1ED, uid: 1000, gid: 1001, time: Time)
            .Symlink("app/latest", "run.sh", uid: 5, gid: 6, time: Time)
            .HardLink("app/again.sh", "app/run.sh")
            .File("deep/er/file", "x")
            .ToTar());

        var directory = NodeInfo.Require(Dest("app"));
        Assert.Equal((NodeInfo.Directory, 0x1C0, 7u, 8u, Time.ToUnixTimeSeconds()), (directory.Type, directory.Mode, directory.Uid, directory.Gid, directory.MtimeSeconds));
        var file = NodeInfo.Require(Dest("app/run.sh"));
        Assert.Equal((NodeInfo.Regular, 0x1ED, 1000u, 1001u, Time.ToUnixTimeSeconds(), 2ul), (file.Type, file.Mode, file.Uid, file.Gid, file.MtimeSeconds, file.Links));
        Assert.Equal("#!/bin/sh\n", File.ReadAllText(Dest("app/again.sh")));
        Assert.Equal("run.sh", NodeInfo.LinkTarget(Dest("app/latest")));
        Assert.Equal((5u, 6u), (NodeInfo.Require(Dest("app/latest")).Uid, NodeInfo.Require(Dest("app/latest")).Gid));
        Assert.Equal(0x1ED, NodeInfo.Require(Dest("deep/er")).Mode); // implied directories: tar's 0755
    }

    [Fact]
    public void ChownReplacesEveryOwnerAsBuildKitDoes()
    {
        Extract(new LayerTar().Directory("d", uid: 7, gid: 8).File("d/f", "x", uid: 9, gid: 9).Symlink("l", "d/f", uid: 3).ToTar(), new CopyOwnership(1234, 2345));
        foreach (var path in new[] { "d", "d/f", "l" })
            Assert.Equal((1234u, 2345u), (NodeInfo.Require(Dest(path)).Uid, NodeInfo.Require(Dest(path)).Gid));
        Assert.Equal(0x1A4, NodeInfo.Require(Dest("d/f")).Mode); // --chown changes owners, not modes
    }

    [Fact]
    public void WhiteoutNamesArePlainFiles()
    {
        Extract(new LayerTar().File("keep", "k").File(".wh.keep", "").File("d/.wh..wh..opq", "").ToTar());
        Assert.True(File.Exists(Dest("keep")));
        Assert.Equal(NodeInfo.Regular, NodeInfo.Require(Dest(".wh.keep")).Type);
        Assert.Equal(NodeInfo.Regular, NodeInfo.Require(Dest("d/.wh..wh..opq")).Type);
    }

    [Fact]
    public void ExistingEntriesAreReplacedAndDirectoriesMerged()
    {
        Directory.CreateDirectory(Dest("d"));
        File.WriteAllText(Dest("d/old"), "old");
        File.WriteAllText(Dest("f"), "old");
        Extract(new LayerTar().Directory("d").File("d/new", "n").File("f", "new").ToTar());
        Assert.Equal("old", File.ReadAllText(Dest("d/old")));
        Assert.Equal("n", File.ReadAllText(Dest("d/new")));
        Assert.Equal("new", File.ReadAllText(Dest("f")));
    }

    [Theory]
    [InlineData("../escaped")]
    [InlineData("a/../../escaped")]
    public void ANameAboveTheDestinationIsRefused(string name)
    {
        var error = ExtractFails(new LayerTar().File(name, "x").ToTar());
        Assert.Equal(BuildErrors.ArchiveEntryEscapesId, error.ErrorId);
        Assert.False(File.Exists(Path.Combine(_sandbox.Root, "escaped")));
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void AnAbsoluteNameLandsInsideTheDestination()
    {
        Extract(new LayerTar().File(_sandbox.HostFile, "pwned").ToTar());
        Assert.Equal("pwned", File.ReadAllText(Dest(_sandbox.HostFile.TrimStart('/'))));
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void ARelativeSymlinkOutOfTheDestinationIsRefused()
    {
        var error = ExtractFails(new LayerTar().Symlink("up", "../host").File("up/passwd", "pwned").ToTar());
        Assert.Equal(BuildErrors.ArchiveEntryEscapesId, error.ErrorId);
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void AnAbsoluteSymlinkIsFollowedInsideTheDestination()
    {
        // "esc" points at the host stand-in by absolute path: written through, it resolves inside the destination.
        Extract(new LayerTar().File(_sandbox.HostInLayer + "/other", "o").Symlink("esc", _sandbox.Host).File("esc/passwd", "pwned").ToTar());
        Assert.Equal(_sandbox.Host, NodeInfo.LinkTarget(Dest("esc")));
        Assert.Equal("pwned", File.ReadAllText(Dest(_sandbox.HostInLayer + "/passwd")));
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void ADanglingSymlinkParentIsAnErrorNotAWayOut()
    {
        var error = ExtractFails(new LayerTar().Symlink("esc", _sandbox.Host).File("esc/passwd", "pwned").ToTar());
        Assert.Equal(BuildErrors.ArchiveInvalidId, error.ErrorId);
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void ASymlinkInTheImageIsFollowedInsideTheDestination()
    {
        Directory.CreateDirectory(Dest(_sandbox.HostInLayer));
        File.CreateSymbolicLink(Dest("planted"), _sandbox.Host); // already in the image, pointing "out"
        Extract(new LayerTar().File("planted/passwd", "pwned").ToTar());
        Assert.Equal("pwned", File.ReadAllText(Dest(_sandbox.HostInLayer + "/passwd")));
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void AHardLinkOutOfTheDestinationIsRefused()
    {
        var error = ExtractFails(new LayerTar().HardLink("link", "../host/passwd").ToTar());
        Assert.Equal(BuildErrors.ArchiveEntryEscapesId, error.ErrorId);
        var absolute = ExtractFails(new LayerTar().HardLink("link", _sandbox.HostFile).ToTar()); // resolves inside: nothing there
        Assert.Equal(BuildErrors.ArchiveInvalidId, absolute.ErrorId);
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void AHardLinkThroughASymlinkStaysInside()
    {
        var error = ExtractFails(new LayerTar().Symlink("esc", _sandbox.Host).HardLink("link", "esc/passwd").ToTar());
        Assert.Equal(BuildErrors.ArchiveInvalidId, error.ErrorId);
        _sandbox.AssertHostUntouched();
    }

    [Fact]
    public void ATruncatedArchiveIsABuildError()
    {
        var tar = new LayerTar().File("f", new string('x', 5000)).ToTar();
        var error = ExtractFails(tar[..1024]);
        Assert.Equal(BuildErrors.ArchiveInvalidId, error.ErrorId);
    }
}
