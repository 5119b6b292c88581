using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;
using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Pull;

/// <summary>
/// The pull flow (feature-anchors.md §6): resolve the manifest for a platform, fetch and check the config, bring
/// every layer into the store concurrently (download, verify and unpack in one streaming pass), then commit config,
/// manifest and index blobs and finally the name in index.json. The index is written last, so an interrupted pull
/// never leaves a name pointing at an incomplete image.
/// </summary>
public sealed class ImagePuller(StoreLayout layout, RegistryClient client, LayerApplier applier)
{
    /// <summary>Manifests and configs are small; anything bigger is refused (hardening.md, principle 3).</summary>
    public const long MaxConfigBytes = 8L << 20;

    /// <summary>Layers fetched at once: Docker's default, and enough to keep both cores of a small host busy.</summary>
    private const int ConcurrentLayers = 3;

    private readonly BlobStore _blobs = new(layout);
    private readonly SnapshotStore _snapshots = new(layout);
    private readonly ImageIndexStore _index = new(layout);

    public async Task<Digest> PullAsync(ImageReference reference, Platform? requested, IProgress<PullProgress>? progress, CancellationToken ct)
    {
        layout.EnsureCreated();
        using var collectorGuard = GarbageCollector.HoldOff(layout, ct); // no blob is collected while a pull is writing it
        var platform = requested ?? Platform.Host;
        progress?.Report(new PullProgress { Phase = PullPhase.Resolving, Message = $"Resolving {reference}" });

        var resolved = await new ManifestResolver(client).ResolveAsync(reference, platform, ct).ConfigureAwait(false);
        var (config, configBytes) = await FetchConfigAsync(resolved, ct).ConfigureAwait(false);
        CheckPlatform(resolved, config, requested);
        var jobs = PlanLayers(resolved, config);

        var tracker = new PullProgressTracker(progress, jobs.Sum(j => j.Layer.Size));
        var fetcher = new LayerFetcher(client, layout, _blobs, _snapshots, applier);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentLayers, CancellationToken = ct };
        await Parallel.ForEachAsync(jobs, parallel, (job, token) => new ValueTask(Task.Run(() => fetcher.FetchAsync(reference, job, tracker.ForLayer(job), token), token)))
            .ConfigureAwait(false);

        tracker.Report(PullPhase.Committing, $"Storing {reference}");
        Commit(resolved, configBytes);
        tracker.Report(PullPhase.Complete, $"Pulled {reference}");
        return resolved.ManifestDescriptor.Digest;
    }

    private async Task<(ImageConfig Config, byte[] Bytes)> FetchConfigAsync(ResolvedImage resolved, CancellationToken ct)
    {
        var descriptor = resolved.Manifest.Config;
        var bytes = _blobs.Exists(descriptor.Digest)
            ? _blobs.ReadAllBytes(descriptor.Digest, MaxConfigBytes)
            : await client.GetBlobAsync(resolved.Reference, descriptor, MaxConfigBytes, ct).ConfigureAwait(false);
        try
        {
            var config = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageConfig) ?? throw new JsonException("empty document");
            return (config, bytes);
        }
        catch (JsonException e)
        {
            throw Fail.DataIntegrity("InvalidImageConfig", $"The config of {resolved.Reference} is not valid: {e.Message}", resolved.Reference.ToString(), e);
        }
    }

    /// <summary>A single-platform image must still be what was asked for when -Platform was given (docker pull --platform does the same).</summary>
    private static void CheckPlatform(ResolvedImage resolved, ImageConfig config, Platform? requested)
    {
        if (requested is null || resolved.IndexDescriptor is not null || requested.Matches(config.Platform)) return;
        throw Fail.NotFound("PlatformNotFound", $"{resolved.Reference} is a {config.Platform} image, not {requested}.", resolved.Reference.ToString());
    }

    private static List<LayerJob> PlanLayers(ResolvedImage resolved, ImageConfig config)
    {
        var layers = resolved.Manifest.Layers;
        var diffIds = config.RootFs.DiffIds;
        if (diffIds.Length != layers.Length)
            throw Fail.DataIntegrity("InvalidImageConfig", $"{resolved.Reference} has {layers.Length} layers but its config lists {diffIds.Length} DiffIDs.", resolved.Reference.ToString());
        var chainIds = ChainIds.Compute(diffIds);
        return layers.Select((layer, i) => new LayerJob(i, layer, diffIds[i], chainIds[i])).ToList();
    }

    private void Commit(ResolvedImage resolved, byte[] configBytes)
    {
        _blobs.WriteVerified(resolved.Manifest.Config, configBytes);
        _blobs.WriteVerified(resolved.ManifestDescriptor, resolved.ManifestBytes);
        if (resolved.IndexDescriptor is not null) _blobs.WriteVerified(resolved.IndexDescriptor, resolved.IndexBytes!);
        var entry = resolved.ManifestDescriptor with
        {
            Annotations = new Dictionary<string, string>
            {
                [IndexAnnotations.RefName] = StoredName(resolved.Reference),
                [IndexAnnotations.RepoDigest] = resolved.RepoDigest.ToString(),
                [IndexAnnotations.Pulled] = DateTimeOffset.UtcNow.ToString("O"),
            },
        };
        _index.Update(entries => IndexEntries.SetName(entries, entry, new StoredImageIds(_blobs).Of));
    }

    /// <summary>The name an image is stored under: <c>repo:tag</c> when a tag was given (even with a digest), else <c>repo@digest</c>.</summary>
    public static string StoredName(ImageReference reference) =>
        reference.Tag is not null ? $"{reference.Repository}:{reference.Tag}" : reference.ToString();
}
