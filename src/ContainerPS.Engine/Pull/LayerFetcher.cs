using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;
using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Pull;

/// <summary>
/// Brings one layer into the store in a single streaming pass: bytes from the registry are written to the ingest
/// file, hashed (digest), decompressed, hashed again (DiffID) and unpacked into a snapshot draft as they arrive.
/// Only when both hashes and the size check out are the blob and the snapshot committed; otherwise both are thrown
/// away (a network failure keeps the partial download so the next pull resumes it).
/// Lock order, the same in every process: the ChainID's snapshot lock, then the blob's lock. Without a client (an
/// image made on this host, <see cref="Images.LocalImageWriter"/>) every blob must already be stored.
/// </summary>
internal sealed class LayerFetcher(RegistryClient? client, StoreLayout layout, BlobStore blobs, SnapshotStore snapshots, LayerApplier applier)
{
    public async Task FetchAsync(ImageReference? repository, LayerJob job, PullProgressTracker.LayerProgress progress, CancellationToken ct)
    {
        using var snapshotLock = FileLock.Acquire(Path.Combine(layout.Locks, $"snapshot-{job.ChainId.Hex}.lock"), exclusive: true, ct);
        var haveSnapshot = snapshots.Exists(job.ChainId);
        if (haveSnapshot && blobs.Exists(job.Layer.Digest))
        {
            progress.AlreadyStored();
            return;
        }

        using var ingest = blobs.BeginIngest(job.Layer, ct);
        using var draft = haveSnapshot ? null : snapshots.Prepare(job.ChainId);
        using var source = ingest is null
            ? blobs.OpenRead(job.Layer.Digest)
            : await OpenDownloadAsync(repository, job, ingest, ct).ConfigureAwait(false);

        var compressed = new HashingReadStream(source, progress.OnBytes);
        var result = UnpackOrBlameContent(job, compressed, draft, ingest, ct);

        if (ingest is not null) VerifyDownload(job, compressed, ingest);
        if (ingest is null) Verify.Size(job.Layer, compressed.BytesRead);
        ingest?.Commit();
        draft?.Commit(new SnapshotInfo { ChainId = job.ChainId, DiffId = job.DiffId, Layer = job.Layer.Digest, Size = result.BytesWritten, Entries = result.Entries });
        progress.Phase(PullPhase.LayerComplete);
    }

    /// <summary>
    /// A corrupt blob usually shows first as a decompression or tar error; its digest is the real verdict, so on such
    /// an error the rest of the blob is read and, if the digest is wrong, BlobDigestMismatch is what the user sees.
    /// </summary>
    private UnpackResult UnpackOrBlameContent(LayerJob job, HashingReadStream compressed, SnapshotDraft? draft, BlobIngest? ingest, CancellationToken ct)
    {
        try
        {
            return Unpack(job, compressed, draft, ct);
        }
        catch (Exception e) when (ingest is not null && IsContentError(e))
        {
            var authentic = TryDrain(compressed) && compressed.BytesRead == job.Layer.Size && compressed.Digest == job.Layer.Digest;
            ingest.Discard(); // refused content is not kept, authentic (a hostile layer) or not
            if (authentic) throw;
            throw Fail.DataIntegrity("BlobDigestMismatch", $"Layer {job.Layer.Digest} does not match its digest: the registry sent corrupt or tampered data ({e.Message}).", job.Layer.Digest.ToString(), e);
        }
    }

    private static bool IsContentError(Exception e) =>
        e is InvalidDataException or ContainerPSException { Kind: ErrorKind.DataIntegrity or ErrorKind.InvalidArgument };

    private static bool TryDrain(HashingReadStream stream)
    {
        try
        {
            stream.DrainToEnd();
            return true;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ContainerPSException)
        {
            return false;
        }
    }

    private async Task<Stream> OpenDownloadAsync(ImageReference? repository, LayerJob job, BlobIngest ingest, CancellationToken ct)
    {
        var network = ingest.Offset == job.Layer.Size
            ? Stream.Null // fully downloaded before an earlier pull was killed; only verification and unpacking are left
            : client is null || repository is null
                ? throw Fail.NotFound("LayerBlobMissing", $"Layer {job.Layer.Digest} is not in the store.", job.Layer.Digest.ToString())
                : await client.OpenBlobAsync(repository, job.Layer, ingest.Offset, ct).ConfigureAwait(false);
        return new ConcatReadStream(ingest.OpenExistingPrefix(), new TeeReadStream(network, ingest.Writer));
    }

    /// <summary>Decompresses and applies the layer (or only hashes it when its snapshot exists), then checks the DiffID.</summary>
    private UnpackResult Unpack(LayerJob job, HashingReadStream compressed, SnapshotDraft? draft, CancellationToken ct)
    {
        using var tar = new HashingReadStream(LayerDecompression.Open(compressed, job.Layer.MediaType));
        var result = draft is null ? new UnpackResult(0, 0) : applier.Apply(tar, draft.FsDirectory, ct);
        tar.DrainToEnd();
        compressed.DrainToEnd(); // a decompressor may stop before trailing bytes; the digest covers the whole blob
        if (tar.Digest != job.DiffId)
            throw Fail.DataIntegrity("LayerDiffIdMismatch", $"Layer {job.Layer.Digest} unpacks to {tar.Digest}, but the image config says {job.DiffId}.", job.Layer.Digest.ToString());
        return result;
    }

    private static void VerifyDownload(LayerJob job, HashingReadStream compressed, BlobIngest ingest)
    {
        try
        {
            Verify.Size(job.Layer, compressed.BytesRead);
            Verify.Digest(job.Layer, compressed.Digest);
        }
        catch (ContainerPSException)
        {
            ingest.Discard(); // wrong bytes must not be resumed by the next pull
            throw;
        }
    }
}
