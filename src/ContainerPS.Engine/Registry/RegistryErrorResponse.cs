using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Registry;

/// <summary>The error body of a failed request (distribution-spec spec.md, "Error Codes").</summary>
internal sealed record RegistryErrorResponse
{
    [JsonPropertyName("errors")] public List<RegistryError>? Errors { get; init; }

    public bool HasCode(params string[] codes) =>
        Errors?.Any(e => codes.Contains(e.Code, StringComparer.Ordinal)) == true;
}

/// <summary>One entry of <see cref="RegistryErrorResponse.Errors"/>: a code such as MANIFEST_UNKNOWN and a message.</summary>
internal sealed record RegistryError
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("detail")] public JsonElement? Detail { get; init; }
}
