using ContainerPS.Engine.Images;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Oci;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime.Commit;

/// <summary>
/// The config of a committed image, as docker commit makes it (docs/commit.md): the base image's config with the
/// container's settings as it was created, then the -Change instructions; one history entry and one DiffID appended.
/// </summary>
internal static class CommitConfig
{
    /// <summary>Variables the engine gives every process for the run itself; kept only when the image or the options set them.</summary>
    private static readonly string[] RunOnlyVariables = ["HOSTNAME", "HOME", "TERM"];

    /// <summary>The config before the layer exists, so a bad change fails before anything is written.</summary>
    public static ImageConfig Prepare(ImageConfig image, ContainerRecord record, RuntimeSpec spec, CommitOptions options)
    {
        var withContainer = image with { Config = ContainerSettings(image.Config, record, spec) };
        return ConfigChanges.Apply(withContainer, options.Changes);
    }

    /// <summary>The container's command as docker ps shows it (its entrypoint and command as created), for the history entry.</summary>
    public static string CreatedBy(ImageConfig image, ContainerRecord record)
    {
        var settings = ContainerSettings(image.Config, record, new RuntimeSpec());
        return string.Join(' ', [.. settings.Entrypoint ?? [], .. settings.Cmd ?? []]);
    }

    public static ImageConfig Complete(ImageConfig prepared, string createdBy, CommitOptions options, Digest diffId, DateTimeOffset now)
    {
        var history = new HistoryEntry
        {
            Created = now,
            CreatedBy = createdBy,
            Author = options.Author,
            Comment = options.Message,
            EmptyLayer = false,
        };
        return prepared with
        {
            Created = now,
            Author = options.Author ?? prepared.Author,
            RootFs = prepared.RootFs with { DiffIds = [.. prepared.RootFs.DiffIds, diffId] },
            History = [.. prepared.History ?? [], history],
        };
    }

    /// <summary>docker's rule (BundleBuilder): -Entrypoint replaces the image's and drops its Cmd; -Command replaces Cmd.</summary>
    private static ContainerConfig ContainerSettings(ContainerConfig? image, ContainerRecord record, RuntimeSpec spec)
    {
        var options = record.Options;
        image ??= new ContainerConfig();
        return image with
        {
            Entrypoint = options.Entrypoint is { } entrypoint ? [.. entrypoint] : image.Entrypoint,
            Cmd = options.Command is { } command ? [.. command] : options.Entrypoint is null ? image.Cmd : null,
            Env = EnvOf(spec, image, options),
            WorkingDir = options.WorkingDirectory ?? image.WorkingDir,
            User = options.User ?? image.User,
            Labels = options.Labels.Count == 0 ? image.Labels : ConfigMaps.SetLabels(image.Labels, options.Labels),
            ExposedPorts = record.Ports.Count == 0 ? image.ExposedPorts : ConfigMaps.Add(image.ExposedPorts, record.Ports.Select(p => $"{p.ContainerPort}/{p.Protocol}")),
            StopSignal = options.StopSignal ?? image.StopSignal,
        };
    }

    /// <summary>The environment the container's process got, without what the engine added only for the run.</summary>
    private static string[] EnvOf(RuntimeSpec spec, ContainerConfig image, CreateOptions options)
    {
        var chosen = (image.Env ?? []).Select(KeyOf).Concat(options.Environment.Keys).ToHashSet(StringComparer.Ordinal);
        return spec.Process.Env.Where(entry => !RunOnlyVariables.Contains(KeyOf(entry)) || chosen.Contains(KeyOf(entry))).ToArray();
    }

    private static string KeyOf(string entry) => entry.Split('=', 2)[0];
}
