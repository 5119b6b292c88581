using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// A container's place on a bridge network: <c>containers/&lt;id&gt;/network.json</c>. Within a store it is the
/// address allocation itself: the allocator reads every container's file, so an address is free again the moment the
/// container's directory goes. Across stores sharing a bridge, <see cref="AddressLeases"/> keeps addresses apart.
/// </summary>
public sealed record NetworkAttachment
{
    [JsonPropertyName("network")] public required string Network { get; init; }

    [JsonPropertyName("ipAddress")] public required string IPAddress { get; init; }

    [JsonPropertyName("prefixLength")] public required int PrefixLength { get; init; }

    [JsonPropertyName("gateway")] public required string Gateway { get; init; }

    /// <summary>The network's bridge device, whose leases hold <see cref="IPAddress"/> (null in files written before leases).</summary>
    [JsonPropertyName("bridge")] public string? Bridge { get; init; }

    /// <summary>The host end of the veth pair; the container's end is eth0.</summary>
    [JsonPropertyName("hostInterface")] public required string HostInterface { get; init; }

    /// <summary>The bind-mounted network namespace file that the container's spec joins.</summary>
    [JsonPropertyName("namespacePath")] public required string NamespacePath { get; init; }
}
