using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// An OCI layout directory as import entries. Only paths the reader derived from validated digests or fixed names
/// are opened; each blob is copied into the store through a <see cref="BlobIngest"/> while it is hashed, and committed
/// only if it matches its descriptor, so the store never holds a blob whose content does not hash to its name.
/// </summary>
internal sealed class LayoutDirectoryEntries(string root) : IArchiveEntries
{
    public bool Contains(string path) => File.Exists(PathOf(path));

    public byte[] ReadAllBytes(string path, long maxBytes)
    {
        using var stream = Open(path);
        return ArchiveVerify.ReadBounded(stream, path, maxBytes);
    }

    public long SizeOf(string path) => Contains(path) ? new FileInfo(PathOf(path)).Length : throw ArchiveErrors.Missing(path);

    public void Check(string path, Descriptor expected)
    {
        if (!Contains(path)) throw ArchiveErrors.Missing(path);
    }

    public void Commit(string path, Descriptor expected, BlobStore blobs, CancellationToken ct)
    {
        using var ingest = blobs.BeginIngest(expected, ct);
        if (ingest is null) return;
        ingest.Writer.SetLength(0); // a partial download of the same digest is not this file's prefix
        try
        {
            using var source = Open(path);
            var hashing = new HashingReadStream(new BoundedPrefixStream(source, expected.Size + 1));
            hashing.CopyToAsync(ingest.Writer, ct).GetAwaiter().GetResult();
            ArchiveVerify.Matches(path, expected, hashing.Digest, hashing.BytesRead);
            ingest.Commit();
        }
        catch
        {
            ingest.Discard();
            throw;
        }
    }

    public void Dispose()
    {
    }

    private string PathOf(string path) => Path.Combine(root, ArchiveEntryName.Normalize(path) ?? throw ArchiveErrors.Unsafe(path, "the layout root"));

    private FileStream Open(string path) =>
        Contains(path) ? new FileStream(PathOf(path), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16) : throw ArchiveErrors.Missing(path);
}
