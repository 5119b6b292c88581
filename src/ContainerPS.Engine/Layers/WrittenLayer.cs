using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Layers;

/// <summary>
/// A layer committed to the blob store: <see cref="Descriptor"/> (media type, digest and size of the compressed
/// blob) goes into a manifest's layers, <see cref="DiffId"/> (the digest of the uncompressed tar) into the config's
/// rootfs.diff_ids (image-spec config.md, "Layer DiffID").
/// </summary>
public sealed record WrittenLayer(Descriptor Descriptor, Digest DiffId, long UncompressedSize);
