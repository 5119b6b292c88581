using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Features;

/// <summary>
/// runtime-spec features-linux.md, "Seccomp": <c>enabled</c> when this host can filter (the kernel has seccomp and
/// libseccomp loads); <c>supportedFlags</c> are the known flags this kernel accepts.
/// </summary>
public sealed record SeccompFeatures
{
    [JsonPropertyName("enabled")] public bool Enabled { get; init; }
    [JsonPropertyName("actions")] public List<string> Actions { get; init; } = [];
    [JsonPropertyName("operators")] public List<string> Operators { get; init; } = [];
    [JsonPropertyName("archs")] public List<string> Archs { get; init; } = [];
    [JsonPropertyName("knownFlags")] public List<string> KnownFlags { get; init; } = [];
    [JsonPropertyName("supportedFlags")] public List<string> SupportedFlags { get; init; } = [];
}
