namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Bounds on what one layer may make the unpacker read or create (hardening: every read from outside has a bound,
/// and a decompression bomb stops at the limit in constant memory).
/// </summary>
public sealed record UnpackLimits
{
    /// <summary>Uncompressed tar bytes, headers and padding included.</summary>
    public long MaxLayerBytes { get; init; } = 64L << 30;

    /// <summary>Tar entries, metadata entries included.</summary>
    public long MaxEntries { get; init; } = 5_000_000;

    /// <summary>Size of one PAX extended header or GNU long-name/long-link record.</summary>
    public int MaxPaxHeaderBytes { get; init; } = 1 << 20;

    public static UnpackLimits Default { get; } = new();
}
