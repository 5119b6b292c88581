using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Registry;

/// <summary>The error body of a failed request (distribution-spec spec.md, "Error Codes").</summary>
internal sealed record RegistryErrorResponse
{
    [JsonPropertyName("errors")] public List<RegistryError>? Errors { get; init; }

    public bool HasCode(params string[] codes) =>
        Errors?.Any(e => codes.Contains(e.Code, StringComparer.Ordinal)) == true;
}
