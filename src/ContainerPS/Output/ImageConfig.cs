namespace ContainerPS;

/// <summary>
/// What an image suggests for its containers (image-spec config.md, "config"; PSTypeName <c>ContainerPS.ImageConfig</c>).
/// </summary>
public sealed class ImageConfig
{
    public string[] Env { get; init; } = [];

    public string[] Cmd { get; init; } = [];

    public string[] Entrypoint { get; init; } = [];

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    public Dictionary<string, string> Labels { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Ports as written in the config: <c>80/tcp</c>.</summary>
    public string[] ExposedPorts { get; init; } = [];

    public string[] Volumes { get; init; } = [];

    public string? StopSignal { get; init; }
}
