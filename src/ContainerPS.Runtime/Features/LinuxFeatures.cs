using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Features;

/// <summary>runtime-spec features-linux.md: the namespaces, capabilities, cgroup versions and seccomp the runtime knows.</summary>
public sealed record LinuxFeatures
{
    [JsonPropertyName("namespaces")] public List<string> Namespaces { get; init; } = [];
    [JsonPropertyName("capabilities")] public List<string> Capabilities { get; init; } = [];
    [JsonPropertyName("cgroup")] public CgroupFeatures Cgroup { get; init; } = new();
    [JsonPropertyName("seccomp")] public SeccompFeatures Seccomp { get; init; } = new();
    [JsonPropertyName("apparmor")] public EnabledFeature AppArmor { get; init; } = new();
    [JsonPropertyName("selinux")] public EnabledFeature SeLinux { get; init; } = new();
    [JsonPropertyName("intelRdt")] public EnabledFeature IntelRdt { get; init; } = new();
}
