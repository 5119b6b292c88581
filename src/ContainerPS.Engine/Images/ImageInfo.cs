using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Images;

/// <summary>One image in the local store, as the engine reports it: a plain property bag the cmdlets wrap.</summary>
public sealed record ImageInfo
{
    /// <summary>The image id: the digest of its config, as Docker reports it.</summary>
    public required Digest Id { get; init; }

    /// <summary>The digest of the platform manifest that was stored.</summary>
    public required Digest ManifestDigest { get; init; }

    /// <summary>The digest the registry gave for the pulled reference (the index's digest for a multi-platform image).</summary>
    public Digest? RepoDigest { get; init; }

    /// <summary>Every name (<c>docker.io/library/busybox:latest</c>) that points at this image; empty for a dangling image.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>Compressed size of config and layers, as the registry transfers them.</summary>
    public long Size { get; init; }

    /// <summary>Uncompressed size of the unpacked layers on disk.</summary>
    public long UnpackedSize { get; init; }

    public DateTimeOffset? Created { get; init; }

    public required Platform Platform { get; init; }

    public required ImageManifest Manifest { get; init; }

    public required ImageConfig Config { get; init; }

    /// <summary>The layers in order, with their DiffID and ChainID (the snapshot key).</summary>
    public required IReadOnlyList<LayerInfo> Layers { get; init; }

    /// <summary>When this image was last written to the store.</summary>
    public DateTimeOffset? Pulled { get; init; }
}

/// <summary>One layer of an image: compressed descriptor, DiffID and the ChainID its snapshot is stored under.</summary>
public sealed record LayerInfo(Descriptor Descriptor, Digest DiffId, Digest ChainId, string? SnapshotPath);
