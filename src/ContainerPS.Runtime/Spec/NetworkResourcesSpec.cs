using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>config-linux.md, "Network": net_cls's class id and net_prio's per-interface priorities (cgroup v1 only).</summary>
public sealed record NetworkResourcesSpec
{
    [JsonPropertyName("classID")] public uint? ClassId { get; init; }
    [JsonPropertyName("priorities")] public List<InterfacePrioritySpec>? Priorities { get; init; }
}
