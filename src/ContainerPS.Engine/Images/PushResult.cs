using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Images;

/// <summary>What a push did: where the image went, the digest the registry holds it by, and how its blobs got there.</summary>
public sealed record PushResult
{
    /// <summary>The destination as pushed, <c>host/repo:tag</c>.</summary>
    public required string Reference { get; init; }

    /// <summary>The digest of what the tag now points at (the index for a multi-platform push).</summary>
    public required Digest Digest { get; init; }

    public required Digest ImageId { get; init; }

    public int BlobsUploaded { get; init; }

    public int BlobsMounted { get; init; }

    public int BlobsExisting { get; init; }

    /// <summary>Bytes actually sent.</summary>
    public long BytesUploaded { get; init; }

    /// <summary>The manifests pushed: one, or each platform's for a multi-platform push.</summary>
    public int Manifests { get; init; }
}
