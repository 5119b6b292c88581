using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// Reads the images of an OCI layout (image-spec image-layout.md) through index.json, keeping the exact manifest
/// and config bytes so every digest survives. An index entry that is itself an index (docker 25's save, a
/// multi-platform copy) yields this host's platform. Names: containerd's full-name annotation when present, else
/// ref.name; a ref.name that is only a tag ("latest", as skopeo writes for <c>oci:dir:latest</c>) names no
/// repository, so the import requires -Reference for it rather than inventing one (docs/archives.md).
/// </summary>
internal static class OciLayoutReader
{
    public const string IndexPath = "index.json";
    public const string MarkerPath = "oci-layout";

    public static List<ArchiveImage> Read(IArchiveEntries entries, Func<string, string> storedName)
    {
        var index = ArchiveDocuments.Read(entries, IndexPath, OciJsonContext.Default.ImageIndex);
        var images = index.Manifests
            .Select(entry => (Entry: entry, Manifest: ManifestOf(entries, entry)))
            .GroupBy(e => e.Manifest.Digest)
            .Select(group => ReadImage(entries, group.First().Manifest, group.Select(g => g.Entry).ToList(), storedName))
            .ToList();
        if (images.Count == 0) throw ArchiveErrors.Invalid("The archive's index.json lists no images.", IndexPath);
        return images;
    }

    private static Descriptor ManifestOf(IArchiveEntries entries, Descriptor entry)
    {
        if (!MediaTypes.IsIndex(entry.MediaType)) return entry;
        var nested = ArchiveDocuments.Parse(ReadVerified(entries, entry), BlobPath(entry), OciJsonContext.Default.ImageIndex);
        return nested.Manifests.FirstOrDefault(m => MediaTypes.IsManifest(m.MediaType) && Platform.Host.Matches(m.Platform))
            ?? throw Fail.NotFound("PlatformNotFound", $"The archive's index {entry.Digest} has no image for {Platform.Host}.", entry.Digest.ToString());
    }

    private static ArchiveImage ReadImage(IArchiveEntries entries, Descriptor manifestDescriptor, List<Descriptor> indexEntries, Func<string, string> storedName)
    {
        var manifestBytes = ReadVerified(entries, manifestDescriptor);
        var manifest = ArchiveDocuments.Parse(manifestBytes, BlobPath(manifestDescriptor), OciJsonContext.Default.ImageManifest);
        if (!MediaTypes.IsManifest(manifest.MediaType ?? manifestDescriptor.MediaType))
            throw Fail.NotSupported("UnsupportedManifest", $"{manifestDescriptor.Digest} in the archive is a '{manifest.MediaType}', not an image manifest.", manifestDescriptor.Digest.ToString());
        var configBytes = ReadVerified(entries, manifest.Config);
        var config = ArchiveDocuments.Parse(configBytes, BlobPath(manifest.Config), OciJsonContext.Default.ImageConfig);
        var documents = new ImageDocuments(manifestDescriptor with { Annotations = null }, manifest, manifestBytes, config, configBytes);
        var layers = manifest.Layers.Select(l => new ArchiveBlob(BlobPath(l), l)).ToList();
        var annotated = indexEntries.Select(e => e.Annotations ?? []).ToList();
        var names = annotated.Select(FullName).OfType<string>().Select(storedName).Distinct(StringComparer.Ordinal).ToList();
        var tagOnly = names.Count == 0 ? annotated.Select(a => a.GetValueOrDefault(IndexAnnotations.RefName)).FirstOrDefault(n => n is not null) : null;
        return new ArchiveImage(documents, names, layers) { TagOnlyName = tagOnly };
    }

    /// <summary>The image's full name, or null when the entry has none or only a tag.</summary>
    private static string? FullName(Dictionary<string, string> annotations)
    {
        if (annotations.GetValueOrDefault(OciLayoutPlan.ContainerdImageName) is { Length: > 0 } full) return full;
        var refName = annotations.GetValueOrDefault(IndexAnnotations.RefName);
        return refName is not null && refName.IndexOfAny(['/', ':', '@']) >= 0 ? refName : null;
    }

    private static byte[] ReadVerified(IArchiveEntries entries, Descriptor descriptor)
    {
        var path = BlobPath(descriptor);
        var content = entries.ReadAllBytes(path, Pull.ImagePuller.MaxConfigBytes);
        ArchiveVerify.Matches(path, descriptor, content);
        return content;
    }

    private static string BlobPath(Descriptor descriptor) => OciLayoutPlan.BlobPath(descriptor.Digest);
}
