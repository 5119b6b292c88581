using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Features;

/// <summary>features-linux.md's "apparmor", "selinux" and "intelRdt": whether the runtime applies them at all.</summary>
public sealed record EnabledFeature
{
    [JsonPropertyName("enabled")] public bool Enabled { get; init; }
}
