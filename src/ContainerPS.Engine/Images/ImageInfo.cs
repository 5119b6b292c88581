using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Images;

/// <summary>
/// One image in the local store, as the engine reports it: a config (whose digest is the image id, as Docker counts
/// images) with every manifest in the store that leads to it and every name of those manifests. A plain property bag
/// the cmdlets wrap.
/// </summary>
public sealed record ImageInfo
{
    /// <summary>The image id: the digest of its config, as Docker reports it.</summary>
    public required Digest Id { get; init; }

    /// <summary>Every name (<c>docker.io/library/busybox:latest</c>) of every manifest of the image, in ordinal order; empty for a dangling image.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>The image's manifests in the store, most recently named first; never empty.</summary>
    public required IReadOnlyList<StoredManifest> Manifests { get; init; }

    /// <summary>Uncompressed size of the unpacked layers on disk.</summary>
    public long UnpackedSize { get; init; }

    public DateTimeOffset? Created { get; init; }

    public required Platform Platform { get; init; }

    public required ImageConfig Config { get; init; }

    /// <summary>The digest of the most recently named manifest.</summary>
    public Digest ManifestDigest => Manifests[0].Digest;

    public Digest? RepoDigest => Manifests[0].RepoDigest;

    public long Size => Manifests[0].Size;

    public ImageManifest Manifest => Manifests[0].Manifest;

    /// <summary>The layers in order, with their DiffID and ChainID (the snapshot key); every manifest unpacks to these snapshots.</summary>
    public IReadOnlyList<LayerInfo> Layers => Manifests[0].Layers;

    /// <summary>When this image was last written to the store.</summary>
    public DateTimeOffset? Pulled => Manifests.Max(m => m.Pulled);

    /// <summary>Only the build cache holds it: a build step's result that no name or dangling entry keeps (docs/build.md, "Cache").</summary>
    public bool IsBuildCache { get; init; }

    /// <summary>The manifest <paramref name="name"/> points at; the most recent one for null or a name not the image's.</summary>
    public StoredManifest ManifestOf(string? name) =>
        (name is null ? null : Manifests.FirstOrDefault(m => m.Names.Contains(name, StringComparer.Ordinal))) ?? Manifests[0];
}
