using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Archive;

/// <summary>One image read from an archive: its documents, its names, and the archive entries of its layer blobs.</summary>
internal sealed record ArchiveImage(ImageDocuments Documents, IReadOnlyList<string> Names, IReadOnlyList<ArchiveBlob> Layers)
{
    /// <summary>The archive named the image by a tag alone (an OCI ref.name such as "latest"): -Reference must name it.</summary>
    public string? TagOnlyName { get; init; }
}

/// <summary>A blob in an archive: where it is and what it must be.</summary>
internal sealed record ArchiveBlob(string Path, Descriptor Descriptor);
