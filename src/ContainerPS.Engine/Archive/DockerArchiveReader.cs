using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// Reads the images of a docker-archive through its manifest.json. A docker-archive has no registry manifest and
/// its layers are uncompressed tars whose digests are their DiffIDs, so each image gets a new OCI manifest whose
/// layers are those tars as they are (media type tar, no recompression; docs/archives.md says why) under the exact
/// config bytes, which keeps the image id docker and podman report.
/// </summary>
internal static class DockerArchiveReader
{
    public const string ManifestPath = "manifest.json";

    public static List<ArchiveImage> Read(IArchiveEntries entries, Func<string, string> storedName)
    {
        var manifest = ArchiveDocuments.Read(entries, ManifestPath, ArchiveJsonContext.Default.ListDockerArchiveManifestEntry);
        if (manifest.Count == 0) throw ArchiveErrors.Invalid("The archive's manifest.json lists no images.", ManifestPath);
        return manifest.Select(image => ReadImage(entries, image, storedName)).ToList();
    }

    private static ArchiveImage ReadImage(IArchiveEntries entries, DockerArchiveManifestEntry image, Func<string, string> storedName)
    {
        var configPath = PathIn(image.Config);
        var configBytes = entries.ReadAllBytes(configPath, Pull.ImagePuller.MaxConfigBytes);
        var config = ArchiveDocuments.Parse(configBytes, configPath, OciJsonContext.Default.ImageConfig);
        var diffIds = config.RootFs.DiffIds;
        if (diffIds.Length != image.Layers.Length)
            throw Fail.DataIntegrity("InvalidImageConfig", $"manifest.json lists {image.Layers.Length} layers for {configPath}, whose config lists {diffIds.Length} DiffIDs.", configPath);

        var layers = image.Layers.Select((layer, i) =>
        {
            var path = PathIn(layer);
            return new ArchiveBlob(path, new Descriptor { MediaType = MediaTypes.OciLayer, Digest = diffIds[i], Size = entries.SizeOf(path) });
        }).ToList();
        var documents = LocalImageWriter.Documents(config, configBytes, layers.Select(l => l.Descriptor).ToList());
        var names = (image.RepoTags ?? []).Select(storedName).Distinct(StringComparer.Ordinal).ToList();
        return new ArchiveImage(documents, names, layers);
    }

    /// <summary>A path manifest.json gives, held to the archive's rules (no "..", not absolute).</summary>
    private static string PathIn(string path) =>
        ArchiveEntryName.Normalize(path) ?? throw ArchiveErrors.Unsafe(path, "manifest.json names the archive root");
}
