using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// The build cache (docs/build.md, "Cache"): a step's result is an image stored under an index.json entry that
/// carries the step's key and no name, so the collector keeps its layers and Remove-Image removes it like any image.
/// A result is used only while all its layers are unpacked; -NoCache looks nothing up but still records results.
/// </summary>
internal sealed class BuildCache(ImageService images, bool noCache)
{
    private readonly ImageIndexStore _index = new(images.Layout);

    public ImageInfo? Find(string key)
    {
        if (noCache || !File.Exists(images.Layout.IndexFile)) return null;
        var manifest = _index.Read().Manifests.FirstOrDefault(e => e.Annotations?.GetValueOrDefault(IndexAnnotations.BuildCacheKey) == key);
        if (manifest is null) return null;
        var image = images.ListImages().FirstOrDefault(i => i.Manifests.Any(m => m.Digest == manifest.Digest));
        return image is not null && image.Layers.All(l => l.SnapshotPath is not null) ? image : null;
    }

    /// <summary>Stores a result; the caller holds GarbageCollector.HoldOff from before its layer blob was written.</summary>
    public async Task<ImageInfo> StoreAsync(string key, ImageConfig config, IReadOnlyList<Descriptor> layers, CancellationToken ct)
    {
        var writer = new LocalImageWriter(images.Layout, new LayerApplier(UnpackLimits.Default));
        var manifest = await writer.WriteBuildCacheAsync(config, layers, key, ct).ConfigureAwait(false);
        return images.ListImages().First(i => i.Manifests.Any(m => m.Digest == manifest));
    }
}
