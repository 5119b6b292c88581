using System.Text.Json;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;

namespace ContainerPS.Engine.Store;

/// <summary>
/// Which image a stored manifest belongs to: the digest of its config, the image id (image-spec manifest.md,
/// "config"). An OCI and a Docker schema2 manifest of one config are one image with two manifests. Each manifest is
/// read once per instance; use one instance per index edit or listing.
/// </summary>
public sealed class StoredImageIds(BlobStore blobs)
{
    private readonly Dictionary<Digest, Digest?> _known = [];

    /// <summary>The image id of <paramref name="manifest"/>; null when the manifest blob is absent or unreadable.</summary>
    public Digest? Of(Digest manifest)
    {
        if (!_known.TryGetValue(manifest, out var id)) _known[manifest] = id = Read(manifest);
        return id;
    }

    private Digest? Read(Digest manifest)
    {
        if (!blobs.Exists(manifest)) return null;
        try
        {
            return JsonSerializer.Deserialize(blobs.ReadAllBytes(manifest, ImagePuller.MaxConfigBytes), OciJsonContext.Default.ImageManifest)?.Config.Digest;
        }
        catch (JsonException)
        {
            return null; // not a manifest this store can read: the entry stands for itself
        }
    }
}
