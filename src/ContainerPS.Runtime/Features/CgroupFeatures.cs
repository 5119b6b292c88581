using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Features;

/// <summary>runtime-spec features-linux.md, "Cgroup": the cgroup versions the runtime drives (systemd is not one of its managers).</summary>
public sealed record CgroupFeatures
{
    [JsonPropertyName("v1")] public bool V1 { get; init; }
    [JsonPropertyName("v2")] public bool V2 { get; init; }
    [JsonPropertyName("systemd")] public bool Systemd { get; init; }
    [JsonPropertyName("systemdUser")] public bool SystemdUser { get; init; }
}
