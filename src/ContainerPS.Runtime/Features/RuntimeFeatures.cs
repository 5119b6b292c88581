using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Features;

/// <summary>
/// What the runtime implements, as <c>containerps-shim features</c> prints it (runtime-spec features.md, the shape
/// of <c>runc features</c>): engines read it before they write a config.json, and Get-ContainerHost shows it.
/// </summary>
public sealed record RuntimeFeatures
{
    /// <summary>runtime-spec features.md, "Annotations": the libseccomp the runtime compiles filters with.</summary>
    public const string LibseccompVersionAnnotation = "io.github.seccomp.libseccomp.version";

    [JsonPropertyName("ociVersionMin")] public string OciVersionMin { get; init; } = "1.0.0";
    [JsonPropertyName("ociVersionMax")] public string OciVersionMax { get; init; } = "";
    [JsonPropertyName("hooks")] public List<string> Hooks { get; init; } = [];
    [JsonPropertyName("mountOptions")] public List<string> MountOptions { get; init; } = [];
    [JsonPropertyName("linux")] public LinuxFeatures Linux { get; init; } = new();
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; init; } = [];
}
