using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>
/// config-linux.md, "Allowed Device List": one allow or deny rule. Type "a" (all), "c" or "b"; a null major or minor
/// is the wildcard; access is any of "r", "w", "m" (mknod), all three when absent.
/// </summary>
public sealed record DeviceRuleSpec
{
    [JsonPropertyName("allow")] public bool Allow { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("major")] public long? Major { get; init; }
    [JsonPropertyName("minor")] public long? Minor { get; init; }
    [JsonPropertyName("access")] public string? Access { get; init; }
}
