using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Oci;

/// <summary>The image configuration (image-spec config.md); Docker's config is a superset with the same field names.</summary>
public sealed record ImageConfig
{
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("architecture")] public string Architecture { get; init; } = "";
    [JsonPropertyName("os")] public string Os { get; init; } = "";
    [JsonPropertyName("variant")] public string? Variant { get; init; }
    [JsonPropertyName("config")] public ContainerConfig? Config { get; init; }
    [JsonPropertyName("rootfs")] public RootFs RootFs { get; init; } = new();
    [JsonPropertyName("history")] public HistoryEntry[]? History { get; init; }

    public Platform Platform => new() { Os = Os, Architecture = Architecture, Variant = Variant };
}

/// <summary>The execution parameters an image suggests for its containers (config.md, "config").</summary>
public sealed record ContainerConfig
{
    [JsonPropertyName("User")] public string? User { get; init; }
    [JsonPropertyName("ExposedPorts")] public Dictionary<string, object>? ExposedPorts { get; init; }
    [JsonPropertyName("Env")] public string[]? Env { get; init; }
    [JsonPropertyName("Entrypoint")] public string[]? Entrypoint { get; init; }
    [JsonPropertyName("Cmd")] public string[]? Cmd { get; init; }
    [JsonPropertyName("Volumes")] public Dictionary<string, object>? Volumes { get; init; }
    [JsonPropertyName("WorkingDir")] public string? WorkingDir { get; init; }
    [JsonPropertyName("Labels")] public Dictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("StopSignal")] public string? StopSignal { get; init; }
    [JsonPropertyName("OnBuild")] public string[]? OnBuild { get; init; }
    [JsonPropertyName("Shell")] public string[]? Shell { get; init; }
    [JsonPropertyName("Healthcheck")] public Healthcheck? Healthcheck { get; init; }
}

/// <summary>The layer DiffIDs in order (config.md, "rootfs").</summary>
public sealed record RootFs
{
    [JsonPropertyName("type")] public string Type { get; init; } = "layers";
    [JsonPropertyName("diff_ids")] public Digest[] DiffIds { get; init; } = [];
}

/// <summary>One step of how the image was built (config.md, "history").</summary>
public sealed record HistoryEntry
{
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("created_by")] public string? CreatedBy { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    [JsonPropertyName("empty_layer")] public bool? EmptyLayer { get; init; }
}
