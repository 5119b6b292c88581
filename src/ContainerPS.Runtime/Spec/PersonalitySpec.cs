using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>config-linux.md, "Personality": domain LINUX or LINUX32; flags (none are defined yet).</summary>
public sealed record PersonalitySpec
{
    [JsonPropertyName("domain")] public string Domain { get; init; } = "";
    [JsonPropertyName("flags")] public List<string>? Flags { get; init; }
}
