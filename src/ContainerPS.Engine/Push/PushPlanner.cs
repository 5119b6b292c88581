using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Pull;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Push;

/// <summary>
/// Works out a <see cref="PushPlan"/> from the store, before anything is sent: the manifest a name points at, or with
/// <c>AllPlatforms</c> the index it was pulled from and every platform of it, each of whose manifest, config and layers must be
/// in the store (those that are not are named in one error).
/// </summary>
internal sealed class PushPlanner(StoreLayout layout)
{
    private readonly BlobStore _blobs = new(layout);

    public PushPlan Plan(ImageInfo image, string? name, bool allPlatforms)
    {
        var stored = image.ManifestOf(name);
        var single = Document(stored.Digest, stored.Manifest.MediaType ?? MediaTypes.OciManifest);
        if (!allPlatforms || stored.RepoDigest is not { } indexDigest || indexDigest == stored.Digest)
            return new PushPlan(BlobsOf(stored.Manifest), [], single);
        return PlanIndex(image, indexDigest);
    }

    private PushPlan PlanIndex(ImageInfo image, Digest indexDigest)
    {
        var name = image.Names.FirstOrDefault() ?? image.Id.ToString();
        if (!_blobs.Exists(indexDigest))
            throw Fail.FailedPrecondition("PlatformsMissing", $"The index {indexDigest} that {name} was pulled from is not in the store; push it without -AllPlatforms.", name);
        var bytes = _blobs.ReadAllBytes(indexDigest, ImagePuller.MaxConfigBytes);
        var index = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageIndex)!;

        var absent = index.Manifests.Where(m => !HasWholeImage(m.Digest)).ToList();
        if (absent.Count > 0) throw PlatformsMissing(name, absent);

        var manifests = index.Manifests.Select(m => Document(m.Digest, m.MediaType is { Length: > 0 } type ? type : MediaTypes.OciManifest)).ToList();
        var blobs = manifests.SelectMany(m => BlobsOf(ReadManifest(m.Digest))).DistinctBy(b => b.Digest).ToList();
        return new PushPlan(blobs, manifests, new PushDocument(indexDigest, index.MediaType ?? MediaTypes.OciIndex, bytes));
    }

    /// <summary>
    /// Names what is absent: platforms by name, and attestation manifests (build provenance, buildkit's
    /// attestation-storage.md) apart, since no pull keeps them and the registry refuses an index without them.
    /// </summary>
    private static ContainerPSException PlatformsMissing(string name, List<Descriptor> absent)
    {
        var platforms = absent.Where(PlatformSelector.IsImage).Select(m => m.Platform?.ToString() ?? m.Digest.ToString()).ToList();
        int attestations = absent.Count - platforms.Count;
        var parts = new List<string>();
        if (platforms.Count > 0) parts.Add($"these platforms are not in the store: {string.Join(", ", platforms)} (pull each with Request-Image -Platform)");
        if (attestations > 0) parts.Add($"its {attestations} attestation manifest(s) are not kept by pulls, and the registry needs them for the index");
        return Fail.FailedPrecondition("PlatformsMissing",
            $"{name} is a multi-platform image, and {string.Join("; ", parts)}. Push without -AllPlatforms to push the platform in the store.", name);
    }

    /// <summary>The config and the layers; foreign layers (urls, Windows base layers) are not the registry's to hold.</summary>
    private List<Descriptor> BlobsOf(ImageManifest manifest)
    {
        var blobs = manifest.Layers.Where(l => l.Urls is not { Length: > 0 }).Append(manifest.Config).DistinctBy(b => b.Digest).ToList();
        foreach (var blob in blobs.Where(b => !_blobs.Exists(b.Digest) || _blobs.SizeOf(b.Digest) != b.Size))
            throw Fail.NotFound("LayerBlobMissing", $"The blob {blob.Digest} ({blob.Size} bytes) is not in the store; pull the image again to push it.", blob.Digest.ToString());
        return blobs;
    }

    private bool HasWholeImage(Digest manifestDigest)
    {
        if (!_blobs.Exists(manifestDigest)) return false;
        var manifest = ReadManifest(manifestDigest);
        return manifest.Layers.Append(manifest.Config).All(b => b.Urls is { Length: > 0 } || _blobs.Exists(b.Digest));
    }

    private ImageManifest ReadManifest(Digest digest) =>
        JsonSerializer.Deserialize(_blobs.ReadAllBytes(digest, ImagePuller.MaxConfigBytes), OciJsonContext.Default.ImageManifest)!;

    private PushDocument Document(Digest digest, string mediaType) =>
        new(digest, mediaType, _blobs.ReadAllBytes(digest, ImagePuller.MaxConfigBytes));
}
