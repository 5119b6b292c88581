using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Archive;

/// <summary>The files of an archive being imported, by their archive path (already normalised by <see cref="ArchiveEntryName"/>).</summary>
internal interface IArchiveEntries : IDisposable
{
    bool Contains(string path);

    /// <summary>A small document (manifest.json, index.json, a manifest or config), refused beyond <paramref name="maxBytes"/>.</summary>
    byte[] ReadAllBytes(string path, long maxBytes);

    long SizeOf(string path);

    /// <summary>Checks what can be checked before anything is stored: the entry exists and (when already hashed) matches.</summary>
    void Check(string path, Descriptor expected);

    /// <summary>Stores the entry as the blob <paramref name="expected"/> names, verified; a no-op when the store has it.</summary>
    void Commit(string path, Descriptor expected, BlobStore blobs, CancellationToken ct);
}
