using System.Text.Json;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// The files of an OCI image layout (image-spec image-layout.md) in a fixed order: <c>oci-layout</c>, then per image
/// its layers, config and manifest under <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c> (each once, exactly the stored bytes,
/// so every digest is kept), then <c>index.json</c> with one entry per name.
/// </summary>
internal sealed class OciLayoutPlan(BlobStore blobs)
{
    /// <summary>containerd's (and docker 25's) annotation for the full image name; <see cref="IndexAnnotations.RefName"/> carries it too.</summary>
    public const string ContainerdImageName = "io.containerd.image.name";

    public List<ArchiveItem> Plan(IReadOnlyList<ExportedImage> images)
    {
        var items = new List<ArchiveItem> { ArchiveItem.Of("oci-layout", JsonSerializer.SerializeToUtf8Bytes(new OciLayoutMarker(), OciJsonContext.Default.OciLayoutMarker)) };
        var planned = new HashSet<Digest>();
        var index = new List<Descriptor>();
        foreach (var (image, names) in images)
        {
            foreach (var (manifest, name) in ManifestsOf(image, names))
            {
                foreach (var layer in manifest.Manifest.Layers) AddBlob(items, planned, layer.Digest);
                AddBlob(items, planned, manifest.Manifest.Config.Digest);
                AddBlob(items, planned, manifest.Digest);
                index.Add(IndexEntry(manifest, name));
            }
        }

        var document = new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = index };
        items.Add(ArchiveItem.Of("index.json", JsonSerializer.SerializeToUtf8Bytes(document, OciJsonContext.Default.ImageIndex)));
        return items;
    }

    public static string BlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Hex}";

    /// <summary>Each name with the manifest it points at; a nameless image with its newest manifest.</summary>
    private static IEnumerable<(StoredManifest Manifest, string? Name)> ManifestsOf(ImageInfo image, IReadOnlyList<string> names) =>
        names.Count == 0 ? [(image.Manifests[0], null)] : names.Select(n => (image.ManifestOf(n), (string?)n));

    private Descriptor IndexEntry(StoredManifest manifest, string? name) => new()
    {
        MediaType = manifest.Manifest.MediaType ?? MediaTypes.OciManifest,
        Digest = manifest.Digest,
        Size = blobs.SizeOf(manifest.Digest),
        Annotations = name is null ? null : new Dictionary<string, string> { [ContainerdImageName] = name, [IndexAnnotations.RefName] = name },
    };

    private void AddBlob(List<ArchiveItem> items, HashSet<Digest> planned, Digest digest)
    {
        if (planned.Add(digest)) items.Add(new ArchiveItem(BlobPath(digest), () => StoredBlob.Open(blobs, digest), digest));
    }
}
