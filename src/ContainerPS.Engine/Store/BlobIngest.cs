using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Store;

/// <summary>
/// One blob being downloaded into <c>ingest/&lt;hex&gt;.partial</c> while its lock is held. Bytes already on disk
/// from a killed pull are kept: <see cref="Offset"/> says where the download resumes (distribution-spec,
/// "Pulling blobs": a Range request continues it). Nothing here is trusted until <see cref="Commit"/> is called
/// by a caller that verified the whole content's digest.
/// </summary>
public sealed class BlobIngest : IDisposable
{
    private readonly BlobStore _blobs;
    private readonly FileLock _lock;
    private bool _committed;

    internal BlobIngest(BlobStore blobs, StoreLayout layout, Descriptor descriptor, FileLock heldLock)
    {
        _blobs = blobs;
        _lock = heldLock;
        Descriptor = descriptor;
        PartialPath = Path.Combine(layout.Ingest, descriptor.Digest.Hex + ".partial");
        var existing = File.Exists(PartialPath) ? new FileInfo(PartialPath).Length : 0;
        if (existing > descriptor.Size) existing = 0; // longer than the blob: garbage, start over
        Offset = existing;
        Writer = new FileStream(PartialPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        Writer.SetLength(existing);
        Writer.Position = existing;
    }

    public Descriptor Descriptor { get; }

    public string PartialPath { get; }

    /// <summary>How many bytes of the blob are already on disk from an earlier, interrupted pull.</summary>
    public long Offset { get; }

    /// <summary>Appends the bytes that arrive from the registry.</summary>
    public FileStream Writer { get; }

    /// <summary>Opens the already-downloaded prefix for reading, so it can be hashed and unpacked before the rest arrives.</summary>
    public Stream OpenExistingPrefix() =>
        Offset == 0 ? Stream.Null : new BoundedPrefixStream(new FileStream(PartialPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16), Offset);

    /// <summary>Makes the verified blob permanent: fsync, then rename to its content address.</summary>
    public void Commit()
    {
        Writer.Flush(flushToDisk: true);
        Writer.Dispose();
        _blobs.CommitIngested(PartialPath, Descriptor.Digest);
        _committed = true;
    }

    /// <summary>Throws the partial download away (its content was wrong, so resuming it would be wrong too).</summary>
    public void Discard()
    {
        Writer.Dispose();
        if (File.Exists(PartialPath)) File.Delete(PartialPath);
    }

    public void Dispose()
    {
        if (!_committed) Writer.Dispose(); // a network failure keeps the partial file for the next pull to resume
        _lock.Dispose();
    }
}
