namespace ContainerPS;

/// <summary>
/// One row of an image in the local store, as the cmdlets emit it (PSTypeName <c>ContainerPS.Image</c>): a row per
/// name, as docker images lists them, and one nameless row for a dangling image. A plain property bag, so it survives
/// remoting and serialisation; cmdlets that take it back look the image up again by <see cref="Reference"/>, or by
/// <see cref="Id"/> for a nameless row.
/// </summary>
public sealed class Image
{
    /// <summary>The image id, <c>sha256:&lt;hex&gt;</c>: the digest of the image's config.</summary>
    public string Id { get; init; } = "";

    /// <summary>The first 12 hex characters of the id, as docker shows it.</summary>
    public string ShortId { get; init; } = "";

    /// <summary>This row's name in its familiar form (<c>busybox:latest</c>); null for a dangling image.</summary>
    public string? Reference { get; init; }

    /// <summary>Every fully qualified name of the image (of all its manifests); empty for a dangling image.</summary>
    public string[] Names { get; init; } = [];

    /// <summary>The familiar repository of this row's name (<c>busybox</c>).</summary>
    public string? Repository { get; init; }

    public string? Tag { get; init; }

    /// <summary>The digest the registry gave for this row's name when it was pulled (the index digest for a multi-platform image).</summary>
    public string? Digest { get; init; }

    /// <summary>The digest of the platform manifest this row's name points at.</summary>
    public string ManifestDigest { get; init; } = "";

    /// <summary>Compressed size of config and layers, as transferred.</summary>
    public long Size { get; init; }

    /// <summary>Size of the unpacked layers on disk.</summary>
    public long UnpackedSize { get; init; }

    public DateTime? Created { get; init; }

    /// <summary>When the image was last written to the store.</summary>
    public DateTime? Pulled { get; init; }

    public string Os { get; init; } = "";

    public string Architecture { get; init; } = "";

    public string? Variant { get; init; }

    /// <summary><c>os/architecture[/variant]</c>.</summary>
    public string Platform { get; init; } = "";

    public ImageLayer[] Layers { get; init; } = [];

    public ImageConfig Config { get; init; } = new();

    public ImageHistoryEntry[] History { get; init; } = [];

    public override string ToString() => Reference ?? Id;
}
