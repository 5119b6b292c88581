using ContainerPS.Engine.IO;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// Stores an uncompressed tar stream as a layer blob (media type tar, so its digest is its DiffID) in one pass:
/// hashed into an ingest file, fsynced, then renamed under its digest while the blob's lock is held. The ingest file
/// is gone afterwards, whether the write succeeded or not.
/// </summary>
internal sealed class TarBlobWriter(StoreLayout layout, BlobStore blobs)
{
    public Descriptor Write(Stream tar, CancellationToken ct)
    {
        var ingest = Path.Combine(layout.Ingest, "import-" + Guid.NewGuid().ToString("N") + ".partial");
        try
        {
            Digest digest;
            long size;
            using (var file = new EarlyWritebackStream(new FileStream(ingest, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16)))
            {
                using var hashing = new HashingWriteStream(file, leaveOpen: true);
                tar.CopyToAsync(hashing, ct).GetAwaiter().GetResult();
                digest = hashing.Digest();
                size = hashing.BytesWritten;
                file.Flush(flushToDisk: true);
            }

            using (FileLock.Acquire(Path.Combine(layout.Locks, $"blob-{digest.Hex}.lock"), exclusive: true, ct))
            {
                if (!blobs.Exists(digest)) blobs.CommitIngested(ingest, digest);
            }

            return new Descriptor { MediaType = MediaTypes.OciLayer, Digest = digest, Size = size };
        }
        finally
        {
            if (File.Exists(ingest)) File.Delete(ingest);
        }
    }
}
