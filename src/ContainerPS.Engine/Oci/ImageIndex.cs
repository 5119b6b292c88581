using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Oci;

/// <summary>An image index (image-spec image-index.md) or Docker manifest list; also the shape of an OCI layout's index.json.</summary>
public sealed record ImageIndex
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = 2;
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("manifests")] public List<Descriptor> Manifests { get; init; } = [];
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
}
