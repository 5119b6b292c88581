using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>config-linux.md, "Block IO": the weights and the per-device throttles.</summary>
public sealed record BlockIoSpec
{
    [JsonPropertyName("weight")] public ushort? Weight { get; init; }
    [JsonPropertyName("leafWeight")] public ushort? LeafWeight { get; init; }
    [JsonPropertyName("weightDevice")] public List<WeightDeviceSpec>? WeightDevice { get; init; }
    [JsonPropertyName("throttleReadBpsDevice")] public List<ThrottleDeviceSpec>? ThrottleReadBpsDevice { get; init; }
    [JsonPropertyName("throttleWriteBpsDevice")] public List<ThrottleDeviceSpec>? ThrottleWriteBpsDevice { get; init; }
    [JsonPropertyName("throttleReadIOPSDevice")] public List<ThrottleDeviceSpec>? ThrottleReadIopsDevice { get; init; }
    [JsonPropertyName("throttleWriteIOPSDevice")] public List<ThrottleDeviceSpec>? ThrottleWriteIopsDevice { get; init; }
}
