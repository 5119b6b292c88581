using System.Text.Json;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Images;

/// <summary>
/// Reads the store into <see cref="ImageInfo"/> objects: index.json entries grouped by manifest, manifests grouped by
/// config (one image per image id, as Docker counts them), with config and layers.
/// </summary>
public sealed class ImageCatalog(StoreLayout layout)
{
    private readonly BlobStore _blobs = new(layout);
    private readonly SnapshotStore _snapshots = new(layout);
    private readonly ImageIndexStore _index = new(layout);

    public IReadOnlyList<ImageInfo> List()
    {
        if (!File.Exists(layout.IndexFile)) return [];
        return _index.Read().Manifests
            .GroupBy(e => e.Digest)
            .Where(g => _blobs.Exists(g.Key))
            .Select(entries => (Entries: entries, Manifest: ReadManifest(entries.Key)))
            .GroupBy(m => m.Manifest.Config.Digest)
            .Where(g => _blobs.Exists(g.Key))
            .Select(Load)
            .OrderByDescending(i => i.Pulled)
            .ThenBy(i => i.Id.Hex, StringComparer.Ordinal)
            .ToList();
    }

    private ImageInfo Load(IGrouping<Digest, (IGrouping<Digest, Descriptor> Entries, ImageManifest Manifest)> manifests)
    {
        var config = JsonSerializer.Deserialize(_blobs.ReadAllBytes(manifests.Key, ImagePuller.MaxConfigBytes), OciJsonContext.Default.ImageConfig)!;
        var chainIds = ChainIds.Compute(config.RootFs.DiffIds);
        var stored = manifests
            .Select(m => ToStored(m.Entries, m.Manifest, config, chainIds))
            .OrderByDescending(m => m.Pulled)
            .ThenBy(m => m.Digest.Hex, StringComparer.Ordinal)
            .ToList();

        return new ImageInfo
        {
            Id = manifests.Key,
            Names = stored.SelectMany(m => m.Names).Order(StringComparer.Ordinal).ToList(),
            Manifests = stored,
            UnpackedSize = chainIds.Sum(c => _snapshots.ReadInfo(c)?.Size ?? 0),
            Created = config.Created,
            Platform = config.Platform,
            Config = config,
            IsBuildCache = manifests.All(m => m.Entries.All(IndexAnnotations.IsBuildCache)),
        };
    }

    private StoredManifest ToStored(IGrouping<Digest, Descriptor> entries, ImageManifest manifest, ImageConfig config, IReadOnlyList<Digest> chainIds)
    {
        var annotations = entries.Select(e => e.Annotations ?? []).ToList();
        return new StoredManifest
        {
            Digest = entries.Key,
            RepoDigest = annotations.Select(a => a.GetValueOrDefault(IndexAnnotations.RepoDigest)).Select(ParseOrNull).FirstOrDefault(d => d is not null),
            Names = entries.Select(ImageIndexStore.NameOf).OfType<string>().Order(StringComparer.Ordinal).ToList(),
            Manifest = manifest,
            Layers = manifest.Layers.Select((layer, i) => new LayerInfo(
                layer, config.RootFs.DiffIds[i], chainIds[i], _snapshots.Exists(chainIds[i]) ? _snapshots.FsPathOf(chainIds[i]) : null)).ToList(),
            Size = manifest.Config.Size + manifest.Layers.Sum(l => l.Size),
            Pulled = annotations.Select(a => a.GetValueOrDefault(IndexAnnotations.Pulled)).Select(ParseTimeOrNull).Max(),
        };
    }

    private ImageManifest ReadManifest(Digest digest) =>
        JsonSerializer.Deserialize(_blobs.ReadAllBytes(digest, ImagePuller.MaxConfigBytes), OciJsonContext.Default.ImageManifest)!;

    private static Digest? ParseOrNull(string? text) => Digest.TryParse(text, out var d) ? d : null;

    private static DateTimeOffset? ParseTimeOrNull(string? text) => DateTimeOffset.TryParse(text, out var t) ? t : null;
}
