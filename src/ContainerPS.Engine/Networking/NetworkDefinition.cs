using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Networking;

/// <summary>A bridge network of a store: <c>&lt;root&gt;/networks/&lt;name&gt;.json</c>, written atomically.</summary>
public sealed record NetworkDefinition
{
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>Always <c>bridge</c>: the only driver there is (docker's name for it).</summary>
    [JsonPropertyName("driver")] public string Driver { get; init; } = "bridge";

    [JsonPropertyName("subnet")] public required string Subnet { get; init; }

    /// <summary>The bridge's own address, the containers' default route.</summary>
    [JsonPropertyName("gateway")] public required string Gateway { get; init; }

    /// <summary>The bridge device on the host (at most 15 characters, IFNAMSIZ).</summary>
    [JsonPropertyName("interface")] public required string Interface { get; init; }

    [JsonPropertyName("created")] public required DateTimeOffset Created { get; init; }
}
