using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Images;

/// <summary>One layer of an image: compressed descriptor, DiffID and the ChainID its snapshot is stored under.</summary>
public sealed record LayerInfo(Descriptor Descriptor, Digest DiffId, Digest ChainId, string? SnapshotPath);
