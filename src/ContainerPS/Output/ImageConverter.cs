using ContainerPS.Engine.Images;
using ContainerPS.Engine.Reference;
using OciConfig = ContainerPS.Engine.Oci.ContainerConfig;
using OciHistory = ContainerPS.Engine.Oci.HistoryEntry;

namespace ContainerPS;

/// <summary>Turns the engine's <see cref="ImageInfo"/> into the property bags the cmdlets emit.</summary>
internal static class ImageConverter
{
    public static Image ToImage(ImageInfo info)
    {
        ImageReference? first = null;
        if (info.Names.Count > 0) ReferenceParser.TryParse(info.Names[0], out first);
        return new Image
        {
            Id = info.Id.ToString(),
            ShortId = info.Id.ShortId,
            Reference = first?.FamiliarName,
            Names = [.. info.Names],
            Repository = first is null ? null : FamiliarRepository(first),
            Tag = first?.Tag,
            Digest = (info.RepoDigest ?? info.ManifestDigest).ToString(),
            ManifestDigest = info.ManifestDigest.ToString(),
            Size = info.Size,
            UnpackedSize = info.UnpackedSize,
            Created = info.Created?.LocalDateTime,
            Pulled = info.Pulled?.LocalDateTime,
            Os = info.Platform.Os,
            Architecture = info.Platform.Architecture,
            Variant = info.Platform.Variant,
            Platform = info.Platform.ToString(),
            Layers = [.. info.Layers.Select(ToLayer)],
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
        Comment = entry.Comment,
        EmptyLayer = entry.EmptyLayer ?? false,
    };
}
