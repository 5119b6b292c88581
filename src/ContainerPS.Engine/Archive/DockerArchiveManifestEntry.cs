using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Archive;

/// <summary>One image of a docker-archive's manifest.json (docker's image/spec "Combined Image JSON + Filesystem Changeset Format", v1.2).</summary>
public sealed record DockerArchiveManifestEntry
{
    /// <summary>The archive path of the image's config.</summary>
    [JsonPropertyName("Config")] public string Config { get; init; } = "";

    [JsonPropertyName("RepoTags")] public string[]? RepoTags { get; init; }

    /// <summary>The archive paths of the layers' uncompressed tars, base layer first.</summary>
    [JsonPropertyName("Layers")] public string[] Layers { get; init; } = [];
}
