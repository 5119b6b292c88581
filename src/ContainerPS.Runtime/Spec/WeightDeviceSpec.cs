using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>config-linux.md, "Block IO", weightDevice: a device's own weight and leaf weight.</summary>
public sealed record WeightDeviceSpec
{
    [JsonPropertyName("major")] public long Major { get; init; }
    [JsonPropertyName("minor")] public long Minor { get; init; }
    [JsonPropertyName("weight")] public ushort? Weight { get; init; }
    [JsonPropertyName("leafWeight")] public ushort? LeafWeight { get; init; }
}
