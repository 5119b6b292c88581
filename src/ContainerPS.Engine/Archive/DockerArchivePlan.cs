using System.Text.Json;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Reference;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// The files of a docker-archive, in a fixed order: per image its config, then each layer not yet written, then
/// manifest.json and repositories. The layout is docker 1.x's (<c>&lt;config hex&gt;.json</c>,
/// <c>&lt;DiffID hex&gt;/layer.tar</c>), not docker 25's <c>blobs/sha256/</c>: both <c>docker load</c> (every
/// version since 1.10) and <c>podman load</c> find config and layers only through the paths manifest.json gives, and
/// this layout also satisfies older readers that look for <c>&lt;id&gt;/layer.tar</c> (docs/archives.md).
/// Layers are uncompressed tars, so each stored blob is decompressed while it is written and must hash to its DiffID.
/// </summary>
internal sealed class DockerArchivePlan(BlobStore blobs)
{
    private const int LookAheadBuffers = (32 << 20) / ReadAheadStream.BufferSize;

    public List<ArchiveItem> Plan(IReadOnlyList<ExportedImage> images)
    {
        var items = new List<ArchiveItem>();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        var manifest = new List<DockerArchiveManifestEntry>();
        var repositories = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (image, names) in images)
        {
            var configPath = image.Id.Hex + ".json";
            AddOnce(items, planned, new ArchiveItem(configPath, () => StoredBlob.Open(blobs, image.Id), image.Id));
            var layerPaths = image.ManifestOf(names.FirstOrDefault()).Layers.Select(layer => AddLayer(items, planned, layer)).ToArray();
            var tags = names.Where(n => ImageReference.Parse(n).Tag is not null).ToArray();
            manifest.Add(new DockerArchiveManifestEntry { Config = configPath, RepoTags = tags.Length == 0 ? null : tags, Layers = layerPaths });
            foreach (var tag in tags) AddRepository(repositories, tag, image);
        }

        items.Add(ArchiveItem.Of("manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, ArchiveJsonContext.Default.ListDockerArchiveManifestEntry)));
        if (repositories.Count > 0)
            items.Add(ArchiveItem.Of("repositories", JsonSerializer.SerializeToUtf8Bytes(repositories, ArchiveJsonContext.Default.SortedDictionaryStringSortedDictionaryStringString)));
        return items;
    }

    private string AddLayer(List<ArchiveItem> items, HashSet<string> planned, LayerInfo layer)
    {
        var path = layer.DiffId.Hex + "/layer.tar";
        // Decompressed on a thread of its own, while the writer hashes and writes, up to 32 MiB ahead: the exporter
        // opens the next item while it writes this one, so two layers decompress at once (docs/archives.md).
        AddOnce(items, planned, new ArchiveItem(path, () => new ReadAheadStream(LayerDecompression.Open(StoredBlob.Open(blobs, layer.Descriptor.Digest), layer.Descriptor.MediaType), ownsSource: true, LookAheadBuffers), layer.DiffId));
        return path;
    }

    /// <summary>The legacy <c>repositories</c> file maps repository → tag → the top layer's directory (docker 1.x).</summary>
    private static void AddRepository(SortedDictionary<string, SortedDictionary<string, string>> repositories, string name, ImageInfo image)
    {
        var reference = ImageReference.Parse(name);
        if (!repositories.TryGetValue(reference.Repository, out var tags))
            repositories[reference.Repository] = tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        tags[reference.Tag!] = image.Layers.Count > 0 ? image.Layers[^1].DiffId.Hex : image.Id.Hex;
    }

    private static void AddOnce(List<ArchiveItem> items, HashSet<string> planned, ArchiveItem item)
    {
        if (planned.Add(item.Path)) items.Add(item);
    }
}
