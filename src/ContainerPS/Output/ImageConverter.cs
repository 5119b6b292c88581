using ContainerPS.Engine.Images;
using ContainerPS.Engine.Reference;
using OciConfig = ContainerPS.Engine.Oci.ContainerConfig;
using OciHistory = ContainerPS.Engine.Oci.HistoryEntry;

namespace ContainerPS;

/// <summary>Turns the engine's <see cref="ImageInfo"/> into the property bags the cmdlets emit.</summary>
internal static class ImageConverter
{
    /// <summary>One object per row of the image: a row per name, as docker images lists them, or one nameless row.</summary>
    public static IEnumerable<Image> ToImages(ImageInfo info) => ImageNameMatch.RowNames(info).Select(name => ToImage(info, name));

    /// <summary>The row of <paramref name="name"/> (a stored name of the image, or null for a dangling image's row), with the manifest that name points at.</summary>
    public static Image ToImage(ImageInfo info, string? name)
    {
        ImageReference? reference = null;
        if (name is not null) ReferenceParser.TryParse(name, out reference);
        var manifest = info.ManifestOf(name);
        return new Image
        {
            Id = info.Id.ToString(),
            ShortId = info.Id.ShortId,
            Reference = reference?.FamiliarName ?? name,
            Names = [.. info.Names],
            Repository = reference is null ? null : FamiliarRepository(reference),
            Tag = reference?.Tag,
            Digest = (manifest.RepoDigest ?? manifest.Digest).ToString(),
            ManifestDigest = manifest.Digest.ToString(),
            Size = manifest.Size,
            UnpackedSize = info.UnpackedSize,
            Created = info.Created?.LocalDateTime,
            Pulled = manifest.Pulled?.LocalDateTime,
            Os = info.Platform.Os,
            Architecture = info.Platform.Architecture,
            Variant = info.Platform.Variant,
            Platform = info.Platform.ToString(),
            Layers = [.. manifest.Layers.Select(ToLayer)],
            Config = ToConfig(info.Config.Config),
            History = [.. (info.Config.History ?? []).Select(ToHistory)],
        };
    }

    /// <summary>The familiar repository (<c>busybox</c>, <c>localhost:5000/test/app</c>) without tag or digest.</summary>
    public static string FamiliarRepository(ImageReference reference)
    {
        // ImageReference has a familiar form only with its tag; take it with a known tag and cut the tag off.
        var tagged = reference.WithTag(ImageReference.DefaultTag).FamiliarName;
        return tagged[..tagged.LastIndexOf(':')];
    }

    private static ImageLayer ToLayer(LayerInfo layer) => new()
    {
        Digest = layer.Descriptor.Digest.ToString(),
        DiffId = layer.DiffId.ToString(),
        ChainId = layer.ChainId.ToString(),
        SnapshotPath = layer.SnapshotPath,
        Size = layer.Descriptor.Size,
        MediaType = layer.Descriptor.MediaType,
    };

    private static ImageConfig ToConfig(OciConfig? config) => config is null ? new ImageConfig() : new ImageConfig
    {
        Env = config.Env ?? [],
        Cmd = config.Cmd ?? [],
        Entrypoint = config.Entrypoint ?? [],
        WorkingDir = config.WorkingDir,
        User = config.User,
        Labels = config.Labels is null ? new(StringComparer.Ordinal) : new(config.Labels, StringComparer.Ordinal),
        ExposedPorts = [.. (config.ExposedPorts?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal)],
        Volumes = [.. (config.Volumes?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal)],
        StopSignal = config.StopSignal,
    };

    private static ImageHistoryEntry ToHistory(OciHistory entry) => new()
    {
        Created = entry.Created?.LocalDateTime,
        CreatedBy = entry.CreatedBy,
        Author = entry.Author,
        Comment = entry.Comment,
        EmptyLayer = entry.EmptyLayer ?? false,
    };
}
