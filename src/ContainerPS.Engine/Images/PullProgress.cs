using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Images;

/// <summary>
/// A progress report from a pull. The engine raises these from worker threads; the cmdlet turns them into
/// Write-Progress records on the pipeline thread (one overall bar of all layer bytes, a child bar per layer).
/// </summary>
public sealed record PullProgress
{
    public required PullPhase Phase { get; init; }

    /// <summary>The layer this report is about; null for whole-image reports.</summary>
    public Digest? Layer { get; init; }

    /// <summary>Index of the layer in the manifest (0-based), or -1.</summary>
    public int LayerIndex { get; init; } = -1;

    public long LayerBytesDone { get; init; }

    public long LayerBytesTotal { get; init; }

    /// <summary>Compressed bytes of all layers transferred (or found in the store) so far.</summary>
    public long TotalBytesDone { get; init; }

    public long TotalBytesTotal { get; init; }

    public string? Message { get; init; }
}

public enum PullPhase
{
    Resolving,
    Waiting,
    Downloading,
    AlreadyExists,
    LayerComplete,
    Committing,
    Complete,
}
