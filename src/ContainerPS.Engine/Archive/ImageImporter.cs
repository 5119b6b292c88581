using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// Loads images from a docker-archive, an OCI archive or an OCI layout directory (docker load / podman load). The
/// whole archive is read and every document and blob digest checked before anything is stored; then, under the
/// collector's lock, each image's layer blobs are committed and <see cref="LocalImageWriter.WriteExactAsync"/>
/// unpacks them (checking each DiffID) and writes config, manifest and names last.
/// </summary>
public sealed class ImageImporter(StoreLayout layout, LayerApplier applier, ArchiveLimits limits)
{
    private readonly BlobStore _blobs = new(layout);

    /// <param name="references">Names replacing the archive's, one per image in archive order; null keeps the archive's.</param>
    /// <returns>Each image's manifest digest and first name (null: nameless), in archive order.</returns>
    public async Task<IReadOnlyList<(Digest Manifest, string? Name)>> ImportAsync(string path, IReadOnlyList<string>? references, IProgress<ArchiveProgress>? progress, CancellationToken ct)
    {
        layout.EnsureCreated();
        using var entries = Open(path, ct);
        var images = Named(Read(entries), references);
        foreach (var layer in images.SelectMany(i => i.Layers)) entries.Check(layer.Path, layer.Descriptor);

        var writer = new LocalImageWriter(layout, applier);
        var count = images.Sum(i => i.Layers.Count);
        var index = 0;
        using (GarbageCollector.HoldOff(layout, ct))
        {
            foreach (var image in images)
            {
                foreach (var layer in image.Layers)
                {
                    progress?.Report(new ArchiveProgress(layer.Path, ++index, count));
                    entries.Commit(layer.Path, layer.Descriptor, _blobs, ct);
                }

                await writer.WriteExactAsync(image.Documents, image.Names, ct).ConfigureAwait(false);
            }
        }

        return images.Select(i => (i.Documents.ManifestDescriptor.Digest, i.Names.FirstOrDefault())).ToList();
    }

    private IArchiveEntries Open(string path, CancellationToken ct)
    {
        if (Directory.Exists(path)) return new LayoutDirectoryEntries(path);
        using var tar = ArchiveInput.OpenTar(path);
        return StagedArchive.Read(tar, layout, limits, ct);
    }

    /// <summary>An OCI layout when it says so (docker 25 writes manifest.json beside it), else a docker-archive.</summary>
    private static List<ArchiveImage> Read(IArchiveEntries entries)
    {
        if (entries.Contains(OciLayoutReader.MarkerPath) && entries.Contains(OciLayoutReader.IndexPath))
            return OciLayoutReader.Read(entries, ImageService.StoredNameOf);
        if (entries.Contains(DockerArchiveReader.ManifestPath)) return DockerArchiveReader.Read(entries, ImageService.StoredNameOf);
        throw ArchiveErrors.Invalid("The archive is neither a docker-archive (no manifest.json) nor an OCI layout (no oci-layout and index.json).");
    }

    private static List<ArchiveImage> Named(List<ArchiveImage> images, IReadOnlyList<string>? references)
    {
        if (references is null)
        {
            if (images.FirstOrDefault(i => i.TagOnlyName is not null) is { } tagOnly)
                throw Fail.InvalidArgument("ReferenceRequired",
                    $"The archive names image {tagOnly.Documents.Manifest.Config.Digest.ShortId} only '{tagOnly.TagOnlyName}', a tag without a repository; name it with -Reference.", tagOnly.TagOnlyName);
            return images;
        }

        if (references.Count != images.Count)
            throw Fail.InvalidArgument("ReferenceCountMismatch", $"The archive has {images.Count} images but {references.Count} references were given; give one per image.", references);
        return images.Select((image, i) => image with { Names = [ImageService.StoredNameOf(references[i])], TagOnlyName = null }).ToList();
    }
}
