using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Reference;
using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Push;

/// <summary>
/// The push flow (distribution-spec spec.md, "Push"): plan from the store, send every blob the repository lacks (three at a
/// time, as docker does), mounting from another repository of the same registry that this image was pulled from or pushed to,
/// then the platform manifests by digest and last the document the tag names, so the tag never points at something
/// incomplete. A push that is cancelled or fails leaves the blobs it sent; the next push finds them with HEAD and goes on.
/// </summary>
public sealed class ImagePusher(StoreLayout layout, RegistryClient client)
{
    private const int ConcurrentBlobs = 3;

    private readonly BlobStore _blobs = new(layout);

    public async Task<PushResult> PushAsync(ImageInfo image, string? name, ImageReference destination, PushOptions options,
        IProgress<PushProgress>? progress, CancellationToken ct)
    {
        using var collectorGuard = GarbageCollector.HoldOff(layout, ct); // the blobs being sent stay in the store
        var plan = new PushPlanner(layout).Plan(image, name, options.AllPlatforms);
        var tracker = new PushProgressTracker(progress, plan.Blobs);
        tracker.Report(PushPhase.Preparing, $"Pushing {destination}");

        var mountFrom = MountSource(image, destination);
        var outcomes = new BlobPushOutcome[plan.Blobs.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentBlobs, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Blobs.Count), parallel, async (i, token) =>
        {
            outcomes[i] = await client.PushBlobAsync(destination, plan.Blobs[i], mountFrom, offset => OpenAt(plan.Blobs[i].Digest, offset),
                tracker.ForBlob(i), token).ConfigureAwait(false);
            tracker.Finished(i, PhaseOf(outcomes[i]));
        }).ConfigureAwait(false);

        tracker.Report(PushPhase.WritingManifest, $"Writing the manifest of {destination}");
        foreach (var manifest in plan.PlatformManifests)
            await client.PutManifestAsync(destination.WithDigest(manifest.Digest), manifest.MediaType, manifest.Bytes, ct).ConfigureAwait(false);
        var digest = await client.PutManifestAsync(destination, plan.Tagged.MediaType, plan.Tagged.Bytes, ct).ConfigureAwait(false);
        tracker.Report(PushPhase.Complete, $"Pushed {destination}");

        return new PushResult
        {
            Reference = destination.ToString(),
            Digest = digest,
            ImageId = image.Id,
            BlobsUploaded = outcomes.Count(o => o == BlobPushOutcome.Uploaded),
            BlobsMounted = outcomes.Count(o => o == BlobPushOutcome.Mounted),
            BlobsExisting = outcomes.Count(o => o == BlobPushOutcome.Existed),
            BytesUploaded = plan.Blobs.Where((_, i) => outcomes[i] == BlobPushOutcome.Uploaded).Sum(b => b.Size),
            Manifests = Math.Max(1, plan.PlatformManifests.Count),
        };
    }

    /// <summary>
    /// Another repository of the destination's registry among the image's names: the registry may hold the blobs there already,
    /// and a mount (distribution-spec spec.md, "Mounting a blob from another repository") costs no upload. Null when there is none.
    /// </summary>
    private static string? MountSource(ImageInfo image, ImageReference destination) =>
        image.Names
            .Select(n => ReferenceParser.TryParse(n, out var parsed) ? parsed : null)
            .FirstOrDefault(r => r is not null && string.Equals(r.Domain, destination.Domain, StringComparison.OrdinalIgnoreCase) && r.Path != destination.Path)
            ?.Path;

    private FileStream OpenAt(Digest digest, long offset)
    {
        var stream = _blobs.OpenRead(digest);
        stream.Seek(offset, SeekOrigin.Begin);
        return stream;
    }

    private static PushPhase PhaseOf(BlobPushOutcome outcome) => outcome switch
    {
        BlobPushOutcome.Existed => PushPhase.BlobExisted,
        BlobPushOutcome.Mounted => PushPhase.BlobMounted,
        _ => PushPhase.BlobUploaded,
    };
}
