using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>config-linux.md, "Block IO", throttle*Device: a rate (bytes or operations per second) for one device.</summary>
public sealed record ThrottleDeviceSpec
{
    [JsonPropertyName("major")] public long Major { get; init; }
    [JsonPropertyName("minor")] public long Minor { get; init; }
    [JsonPropertyName("rate")] public ulong Rate { get; init; }
}
