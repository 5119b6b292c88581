using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Images;

/// <summary>
/// Stores an image made on this host (a commit, an import, a build) whose layer blobs are already in the store: each
/// layer's snapshot is unpacked from its blob (DiffID checked against the config), then the config and manifest
/// blobs are written and last the names in index.json, the order a pull keeps, so an interrupted write never leaves
/// a name on an incomplete image. The caller holds <see cref="GarbageCollector.HoldOff"/> from the moment it writes
/// the first blob, so a concurrent Remove-Image cannot collect the layers before the image names them.
/// </summary>
public sealed class LocalImageWriter(StoreLayout layout, LayerApplier applier)
{
    private readonly BlobStore _blobs = new(layout);
    private readonly SnapshotStore _snapshots = new(layout);
    private readonly ImageIndexStore _index = new(layout);

    /// <summary>Writes <paramref name="config"/> and an OCI manifest of <paramref name="layers"/>; returns the manifest's digest.</summary>
    public async Task<Digest> WriteAsync(ImageConfig config, IReadOnlyList<Descriptor> layers, IReadOnlyCollection<string> names, CancellationToken ct)
    {
        var configBytes = JsonSerializer.SerializeToUtf8Bytes(config, OciJsonContext.Default.ImageConfig);
        var documents = Documents(config, configBytes, layers);
        await WriteExactAsync(documents, names, ct).ConfigureAwait(false);
        return documents.ManifestDescriptor.Digest;
    }

    /// <summary>
    /// The documents of an image made here: <paramref name="configBytes"/> kept exactly (an imported docker-archive's
    /// config, so the image id stays the one docker and podman report) under a new OCI manifest of <paramref name="layers"/>.
    /// </summary>
    public static ImageDocuments Documents(ImageConfig config, byte[] configBytes, IReadOnlyList<Descriptor> layers)
    {
        var manifest = new ImageManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digest.Sha256Of(configBytes), Size = configBytes.Length },
            Layers = [.. layers],
        };
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, OciJsonContext.Default.ImageManifest);
        var manifestDescriptor = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Digest.Sha256Of(manifestBytes), Size = manifestBytes.Length };
        return new ImageDocuments(manifestDescriptor, manifest, manifestBytes, config, configBytes);
    }

    /// <summary>Stores documents as they are (an imported archive's), so the image keeps its id and manifest digest.</summary>
    public async Task WriteExactAsync(ImageDocuments image, IReadOnlyCollection<string> names, CancellationToken ct)
    {
        await WriteBlobsAsync(image, ct).ConfigureAwait(false);
        var imageIds = new StoredImageIds(_blobs);
        _index.Update(entries =>
        {
            foreach (var name in names) IndexEntries.SetName(entries, Entry(image.ManifestDescriptor, name), imageIds.Of);
            if (names.Count == 0) IndexEntries.AddNameless(entries, Entry(image.ManifestDescriptor, name: null), imageIds.Of);
            return true;
        }, ct);
    }

    /// <summary>Stores a build step's result as the build cache entry of <paramref name="cacheKey"/> (docs/build.md, "Cache"); returns the manifest's digest.</summary>
    public async Task<Digest> WriteBuildCacheAsync(ImageConfig config, IReadOnlyList<Descriptor> layers, string cacheKey, CancellationToken ct)
    {
        var configBytes = JsonSerializer.SerializeToUtf8Bytes(config, OciJsonContext.Default.ImageConfig);
        var image = Documents(config, configBytes, layers);
        await WriteBlobsAsync(image, ct).ConfigureAwait(false);
        var entry = Entry(image.ManifestDescriptor, name: null);
        entry.Annotations![IndexAnnotations.BuildCacheKey] = cacheKey;
        _index.Update(entries =>
        {
            IndexEntries.SetBuildCache(entries, entry);
            return true;
        }, ct);
        return image.ManifestDescriptor.Digest;
    }

    /// <summary>The layers' snapshots, then the config and manifest blobs: everything but the index entry.</summary>
    private async Task WriteBlobsAsync(ImageDocuments image, CancellationToken ct)
    {
        layout.EnsureCreated();
        var jobs = PlanLayers(image);
        var fetcher = new LayerFetcher(client: null, layout, _blobs, _snapshots, applier);
        var progress = new PullProgressTracker(sink: null, totalBytes: 0);
        foreach (var job in jobs) await fetcher.FetchAsync(repository: null, job, progress.ForLayer(job), ct).ConfigureAwait(false);

        _blobs.WriteVerified(image.Manifest.Config, image.ConfigBytes);
        _blobs.WriteVerified(image.ManifestDescriptor, image.ManifestBytes);
    }

    private List<LayerJob> PlanLayers(ImageDocuments image)
    {
        var layers = image.Manifest.Layers;
        var diffIds = image.Config.RootFs.DiffIds;
        if (diffIds.Length != layers.Length)
            throw Fail.DataIntegrity("InvalidImageConfig", $"The image has {layers.Length} layers but its config lists {diffIds.Length} DiffIDs.", image.ManifestDescriptor.Digest.ToString());
        foreach (var layer in layers.Where(l => !_blobs.Exists(l.Digest)))
            throw Fail.NotFound("LayerBlobMissing", $"Layer {layer.Digest} is not in the store.", layer.Digest.ToString());
        var chainIds = ChainIds.Compute(diffIds);
        return layers.Select((layer, i) => new LayerJob(i, layer, diffIds[i], chainIds[i])).ToList();
    }

    private static Descriptor Entry(Descriptor manifest, string? name)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [IndexAnnotations.Pulled] = DateTimeOffset.UtcNow.ToString("O") };
        if (name is not null) annotations[IndexAnnotations.RefName] = name;
        return new Descriptor { MediaType = manifest.MediaType, Digest = manifest.Digest, Size = manifest.Size, Annotations = annotations };
    }
}
