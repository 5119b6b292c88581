using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Tests.Unpack;

/// <summary>
/// A throwaway directory per test: <see cref="Layer"/> is the empty unpack target; <see cref="Host"/> stands in for the
/// host outside it (hostile links point there by absolute path, never at the real /etc) and holds a file
/// <c>passwd</c> (0644) and a directory <c>dir</c> whose state the tests check is unchanged.
/// </summary>
internal sealed class UnpackSandbox : IDisposable
{
    public UnpackSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "cps-unpack-" + Guid.NewGuid().ToString("N"));
        Layer = Path.Combine(Root, "layer");
        Host = Path.Combine(Root, "host");
        System.IO.Directory.CreateDirectory(Layer);
        System.IO.Directory.CreateDirectory(Path.Combine(Host, "dir"));
        HostFile = Path.Combine(Host, "passwd");
        System.IO.File.WriteAllText(HostFile, "root:x:0:0::/root:/bin/sh\n");
        if (OperatingSystem.IsLinux())
        {
            System.IO.File.SetUnixFileMode(HostFile, (UnixFileMode)0x1A4);
        }

        HostFileBefore = NodeInfo.Require(HostFile);
    }

    public string Root { get; }

    public string Layer { get; }

    public string Host { get; }

    public string HostFile { get; }

    public NodeInfo HostFileBefore { get; }

    /// <summary>The host directory's path as a path inside the layer (no leading "/").</summary>
    public string HostInLayer => Host.TrimStart('/');

    public string InLayer(string relative) => Path.Combine(Layer, relative);

    public UnpackResult Apply(byte[] blob, string mediaType = MediaTypes.OciLayer, UnpackLimits? limits = null, CancellationToken ct = default)
    {
        using var tar = LayerDecompression.Open(new MemoryStream(blob), mediaType);
        return new LayerApplier(limits ?? UnpackLimits.Default).Apply(tar, Layer, ct);
    }

    public ContainerPSException ApplyFails(byte[] blob, string mediaType = MediaTypes.OciLayer, UnpackLimits? limits = null) =>
        Assert.Throws<ContainerPSException>(() => Apply(blob, mediaType, limits));

    /// <summary>The host stand-in holds exactly what it held at the start, and its file kept its inode, mode and link count.</summary>
    public void AssertHostUntouched()
    {
        Assert.Equal(["dir", "passwd"], System.IO.Directory.EnumerateFileSystemEntries(Host).Select(Path.GetFileName).Order());
        Assert.Empty(System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(Host, "dir")));
        Assert.Equal(HostFileBefore, NodeInfo.Require(HostFile));
        Assert.Equal("root:x:0:0::/root:/bin/sh\n", System.IO.File.ReadAllText(HostFile));
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Root))
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
    }
}
