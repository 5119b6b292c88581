using ContainerPS.Engine.Layers;

namespace ContainerPS.Engine.Runtime.Commit;

/// <summary>What New-Image -Container takes (docker commit's options).</summary>
public sealed record CommitOptions
{
    /// <summary>The new image's name; null leaves it dangling, known by its id only.</summary>
    public string? Reference { get; init; }

    /// <summary>Dockerfile instructions applied to the config (Images/ConfigChanges).</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>The history entry's comment (docker commit -m).</summary>
    public string? Message { get; init; }

    /// <summary>The image's and the history entry's author (docker commit -a).</summary>
    public string? Author { get; init; }

    /// <summary>Freeze a running container while its upper directory is read (docker commit --pause, on by default).</summary>
    public bool Pause { get; init; } = true;

    public LayerCompression Compression { get; init; } = LayerCompression.Gzip;
}
