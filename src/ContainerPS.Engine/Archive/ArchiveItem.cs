using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// One file of an archive being written: its path in the archive and how to read its content. When
/// <see cref="Expected"/> is set the written bytes must hash to it (a blob's digest, a docker-archive layer's DiffID),
/// so a store blob that rotted on disk is never exported under a name it does not match.
/// </summary>
internal sealed record ArchiveItem(string Path, Func<Stream> Open, Digest? Expected)
{
    public static ArchiveItem Of(string path, byte[] content) => new(path, () => new MemoryStream(content, writable: false), null);

    /// <summary>Whether this item is a blob (progress is shown per blob), not a small metadata file.</summary>
    public bool IsBlob => Expected is not null;
}
