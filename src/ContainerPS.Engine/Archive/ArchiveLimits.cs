namespace ContainerPS.Engine.Archive;

/// <summary>Bounds on what reading one archive may make the importer do (hardening: every read from outside has a bound).</summary>
public sealed record ArchiveLimits
{
    /// <summary>Bytes of the (uncompressed) outer tar, headers included.</summary>
    public long MaxArchiveBytes { get; init; } = 256L << 30;

    /// <summary>Entries of the outer tar; an image archive has a few per layer.</summary>
    public long MaxEntries { get; init; } = 100_000;

    /// <summary>Symlink hops from one archive entry to the file it ends at.</summary>
    public int MaxLinkHops { get; init; } = 16;

    public static ArchiveLimits Default { get; } = new();
}
