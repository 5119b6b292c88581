using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>config-linux.md, "Network", priorities: one interface's net_prio priority.</summary>
public sealed record InterfacePrioritySpec
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("priority")] public uint Priority { get; init; }
}
