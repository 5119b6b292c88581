using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Registry;

/// <summary>One entry of <see cref="RegistryErrorResponse.Errors"/>: a code such as MANIFEST_UNKNOWN and a message.</summary>
internal sealed record RegistryError
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("detail")] public JsonElement? Detail { get; init; }
}
