using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Store;

/// <summary>
/// The content-addressed blob store (image-layout.md, "Blobs"): a blob gets its final name only after its
/// digest and size have been verified, so whatever is under <c>blobs/sha256</c> is trusted.
/// </summary>
public sealed class BlobStore
{
    private readonly StoreLayout _layout;

    public BlobStore(StoreLayout layout) => _layout = layout;

    public string PathOf(Digest digest) => Path.Combine(_layout.Blobs, digest.Hex);

    public bool Exists(Digest digest) => File.Exists(PathOf(digest));

    public long SizeOf(Digest digest) => new FileInfo(PathOf(digest)).Length;

    public IEnumerable<Digest> List() =>
        Directory.EnumerateFiles(_layout.Blobs)
            .Select(path => Digest.TryParse("sha256:" + Path.GetFileName(path), out var d) ? d : (Digest?)null)
            .OfType<Digest>();

    public FileStream OpenRead(Digest digest) =>
        new(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    /// <summary>Reads a small stored blob (a manifest or config), refusing one larger than <paramref name="maxBytes"/>.</summary>
    public byte[] ReadAllBytes(Digest digest, long maxBytes)
    {
        var path = PathOf(digest);
        if (!File.Exists(path)) throw Fail.NotFound("BlobNotFound", $"Blob {digest} is not in the store.", digest.ToString());
        var length = new FileInfo(path).Length;
        if (length > maxBytes) throw Fail.DataIntegrity("BlobTooLarge", $"Blob {digest} is {length} bytes, more than the {maxBytes} allowed.", digest.ToString());
        return File.ReadAllBytes(path);
    }

    /// <summary>Stores a small blob after checking it against its descriptor; a no-op when it is already there.</summary>
    public void WriteVerified(Descriptor descriptor, byte[] content)
    {
        Verify.SizeAndDigest(descriptor, content);
        if (Exists(descriptor.Digest)) return;
        AtomicFile.WriteAllBytes(PathOf(descriptor.Digest), content);
    }

    /// <summary>
    /// Moves a completely written and verified ingest file to its final name. The caller holds the blob's lock and
    /// has fsynced the file; the rename is atomic and the directory is synced after it.
    /// </summary>
    public void CommitIngested(string ingestPath, Digest digest)
    {
        File.Move(ingestPath, PathOf(digest), overwrite: true);
        AtomicFile.SyncDirectory(_layout.Blobs);
    }

    /// <summary>
    /// Starts (or resumes) downloading a blob under its exclusive lock; null when the blob is already stored,
    /// for example because another process finished it while this one waited for the lock.
    /// </summary>
    public BlobIngest? BeginIngest(Descriptor descriptor, CancellationToken ct)
    {
        var held = FileLock.Acquire(Path.Combine(_layout.Locks, $"blob-{descriptor.Digest.Hex}.lock"), exclusive: true, ct);
        if (Exists(descriptor.Digest))
        {
            held.Dispose();
            return null;
        }

        try
        {
            return new BlobIngest(this, _layout, descriptor, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public void Delete(Digest digest)
    {
        var path = PathOf(digest);
        if (File.Exists(path)) File.Delete(path);
    }
}
