namespace ContainerPS;

/// <summary>One layer of an image (PSTypeName <c>ContainerPS.ImageLayer</c>).</summary>
public sealed class ImageLayer
{
    /// <summary>The digest of the compressed blob.</summary>
    public string Digest { get; init; } = "";

    /// <summary>The digest of the uncompressed tar (config.md, "rootfs").</summary>
    public string DiffId { get; init; } = "";

    /// <summary>The key the unpacked snapshot is stored under.</summary>
    public string ChainId { get; init; } = "";

    /// <summary>The unpacked layer (<c>snapshots/&lt;hex&gt;/fs</c>), an overlayfs lower directory; null when it is missing.</summary>
    public string? SnapshotPath { get; init; }

    /// <summary>Compressed size in bytes.</summary>
    public long Size { get; init; }

    public string MediaType { get; init; } = "";

    public override string ToString() => Digest;
}
