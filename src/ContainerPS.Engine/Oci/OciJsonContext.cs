using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Oci;

/// <summary>Source-generated System.Text.Json metadata for every OCI document the engine reads or writes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowTrailingCommas = false)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(MediaTypeProbe))]
[JsonSerializable(typeof(OciLayoutMarker))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class OciJsonContext : JsonSerializerContext;

/// <summary>Just enough of any manifest to learn what it is (schemaVersion, mediaType).</summary>
public sealed record MediaTypeProbe
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("manifests")] public JsonElement? Manifests { get; init; }
    [JsonPropertyName("layers")] public JsonElement? Layers { get; init; }
}

/// <summary>The <c>oci-layout</c> file (image-spec image-layout.md).</summary>
public sealed record OciLayoutMarker
{
    [JsonPropertyName("imageLayoutVersion")] public string ImageLayoutVersion { get; init; } = "1.0.0";
}
