using ContainerPS.Engine.Images;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Runtime.Commit;

/// <summary>
/// docker commit: the container's upper directory becomes one new layer on top of its image's layers, and the image
/// is stored with the config <see cref="CommitConfig"/> makes (docs/commit.md). The container is frozen while its
/// upper directory is read, and held by its lock so that it is not started, stopped or removed meanwhile.
/// </summary>
internal sealed class ContainerCommitter(ImageService images, ContainerStore store, StateRoot state)
{
    public async Task<ImageInfo> CommitAsync(string nameOrId, CommitOptions options, CancellationToken ct)
    {
        var record = store.Resolve(nameOrId);
        var names = options.Reference is { } reference ? [ImageService.StoredNameOf(reference)] : Array.Empty<string>();
        var paths = store.PathsOf(record.Id);
        var spec = BundleSpec.Read(paths);
        var image = images.ResolveImage(record.ImageId);
        var prepared = CommitConfig.Prepare(image.Config, record, spec, options); // a bad -Change fails before anything is written
        var createdBy = CommitConfig.CreatedBy(image.Config, record);

        // From the first blob written until the names are: the collector must not take the new layer (LocalImageWriter).
        using var layersHeld = GarbageCollector.HoldOff(images.Layout, ct);
        var layer = WriteLayer(record, paths, options, ct);
        var config = CommitConfig.Complete(prepared, createdBy, options, layer.DiffId, DateTimeOffset.UtcNow);
        var layers = image.Manifest.Layers.Select(OciLayerDescriptor.Of).Append(layer.Descriptor).ToList();
        var writer = new LocalImageWriter(images.Layout, new LayerApplier(UnpackLimits.Default));
        var manifest = await writer.WriteAsync(config, layers, names, ct).ConfigureAwait(false);
        return images.ListImages().First(i => i.Manifests.Any(m => m.Digest == manifest));
    }

    private WrittenLayer WriteLayer(ContainerRecord record, ContainerPaths paths, CommitOptions options, CancellationToken ct)
    {
        using var held = store.LockContainer(record.Id, ct);
        using var frozen = options.Pause ? ContainerPause.FreezeIfRunning(record, state, ct) : null;
        return new LayerWriter(images.Layout, new BlobStore(images.Layout)).Write(paths.Upper, options.Compression, ct);
    }
}
