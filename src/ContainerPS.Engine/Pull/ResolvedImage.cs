using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Pull;

/// <summary>The result of resolving a reference at the registry: the chosen platform manifest and, for a multi-platform image, its index.</summary>
public sealed record ResolvedImage(
    ImageReference Reference,
    Descriptor ManifestDescriptor,
    byte[] ManifestBytes,
    ImageManifest Manifest,
    Descriptor? IndexDescriptor,
    byte[]? IndexBytes)
{
    /// <summary>What the registry named the reference by: the index's digest when there is one (Docker's RepoDigest).</summary>
    public Digest RepoDigest => IndexDescriptor?.Digest ?? ManifestDescriptor.Digest;
}
