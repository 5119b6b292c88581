using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Images;

/// <summary>
/// A progress report from a push, raised from worker threads; the cmdlet shows one overall bar of all blob bytes and a child bar
/// per blob, as for a pull.
/// </summary>
public sealed record PushProgress
{
    public required PushPhase Phase { get; init; }

    /// <summary>The blob this report is about; null for whole-image reports.</summary>
    public Digest? Blob { get; init; }

    /// <summary>Index of the blob in the push (0-based), or -1.</summary>
    public int BlobIndex { get; init; } = -1;

    public long BlobBytesDone { get; init; }

    public long BlobBytesTotal { get; init; }

    /// <summary>Bytes of all blobs sent, or found already in the registry, so far.</summary>
    public long TotalBytesDone { get; init; }

    public long TotalBytesTotal { get; init; }

    public string? Message { get; init; }
}

public enum PushPhase
{
    Preparing,
    Uploading,
    BlobExisted,
    BlobMounted,
    BlobUploaded,
    WritingManifest,
    Complete,
}
