using System.Text.Json;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Images;

/// <summary>Reads the store into <see cref="ImageInfo"/> objects: index.json entries grouped by manifest, with config and layers.</summary>
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
            .Select(Load)
            .OrderByDescending(i => i.Pulled)
            .ToList();
    }

    private ImageInfo Load(IGrouping<Digest, Descriptor> entries)
    {
        var manifest = JsonSerializer.Deserialize(_blobs.ReadAllBytes(entries.Key, ImagePuller.MaxConfigBytes), OciJsonContext.Default.ImageManifest)!;
        var config = JsonSerializer.Deserialize(_blobs.ReadAllBytes(manifest.Config.Digest, ImagePuller.MaxConfigBytes), OciJsonContext.Default.ImageConfig)!;
        var chainIds = ChainIds.Compute(config.RootFs.DiffIds);
        var layers = manifest.Layers.Select((layer, i) => new LayerInfo(
            layer, config.RootFs.DiffIds[i], chainIds[i], _snapshots.Exists(chainIds[i]) ? _snapshots.FsPathOf(chainIds[i]) : null)).ToList();
        var annotations = entries.Select(e => e.Annotations ?? []).ToList();

        return new ImageInfo
        {
            Id = manifest.Config.Digest,
            ManifestDigest = entries.Key,
            RepoDigest = annotations.Select(a => a.GetValueOrDefault(IndexAnnotations.RepoDigest)).Select(ParseOrNull).FirstOrDefault(d => d is not null),
            Names = entries.Select(ImageIndexStore.NameOf).OfType<string>().Order(StringComparer.Ordinal).ToList(),
            Size = manifest.Config.Size + manifest.Layers.Sum(l => l.Size),
            UnpackedSize = chainIds.Sum(c => _snapshots.ReadInfo(c)?.Size ?? 0),
            Created = config.Created,
            Platform = config.Platform,
            Manifest = manifest,
            Config = config,
            Layers = layers,
            Pulled = annotations.Select(a => a.GetValueOrDefault(IndexAnnotations.Pulled)).Select(ParseTimeOrNull).Max(),
        };
    }

    private static Digest? ParseOrNull(string? text) => Digest.TryParse(text, out var d) ? d : null;

    private static DateTimeOffset? ParseTimeOrNull(string? text) => DateTimeOffset.TryParse(text, out var t) ? t : null;
}
