using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Oci;

/// <summary>An image manifest: OCI (image-spec manifest.md) or Docker schema 2, which share this shape.</summary>
public sealed record ImageManifest
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("config")] public Descriptor Config { get; init; } = new();
    [JsonPropertyName("layers")] public Descriptor[] Layers { get; init; } = [];
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
    [JsonPropertyName("subject")] public Descriptor? Subject { get; init; }
}
