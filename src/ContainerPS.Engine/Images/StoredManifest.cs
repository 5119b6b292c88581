using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Images;

/// <summary>
/// One manifest of an image in the store, with the names that point at it. Two manifests of one image (an OCI and a
/// Docker schema2 manifest of one config) differ in their layer descriptors and digests, not in what they unpack to.
/// </summary>
public sealed record StoredManifest
{
    public required Digest Digest { get; init; }

    /// <summary>The digest the registry gave for the pulled reference (the index's digest for a multi-platform image).</summary>
    public Digest? RepoDigest { get; init; }

    /// <summary>The names that point at this manifest, in ordinal order; empty for a dangling image.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    public required ImageManifest Manifest { get; init; }

    /// <summary>The layers in order, with their DiffID and ChainID (the snapshot key).</summary>
    public required IReadOnlyList<LayerInfo> Layers { get; init; }

    /// <summary>Compressed size of config and layers, as the registry transfers them.</summary>
    public long Size { get; init; }

    /// <summary>When a name last pointed this manifest's entry at it.</summary>
    public DateTimeOffset? Pulled { get; init; }
}
