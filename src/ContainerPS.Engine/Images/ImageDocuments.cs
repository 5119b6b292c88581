using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Images;

/// <summary>An image's manifest and config, parsed and as the exact bytes their digests cover.</summary>
public sealed record ImageDocuments(Descriptor ManifestDescriptor, ImageManifest Manifest, byte[] ManifestBytes, ImageConfig Config, byte[] ConfigBytes);
