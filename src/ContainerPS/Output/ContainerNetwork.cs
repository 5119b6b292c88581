namespace ContainerPS;

/// <summary>A bridge network (docker network inspect): its subnet, gateway, bridge device and the containers on it.</summary>
public sealed class ContainerNetwork
{
    public string Name { get; init; } = "";

    /// <summary>Always bridge.</summary>
    public string Driver { get; init; } = "";

    public string Subnet { get; init; } = "";

    public string Gateway { get; init; } = "";

    /// <summary>The bridge device on the host.</summary>
    public string Interface { get; init; } = "";

    /// <summary>Names of the containers created for the network.</summary>
    public string[] Containers { get; init; } = [];

    public DateTime CreatedAt { get; init; }

    internal static ContainerNetwork From(Engine.Networking.NetworkInfo info) => new()
    {
        Name = info.Name, Driver = info.Driver, Subnet = info.Subnet, Gateway = info.Gateway, Interface = info.Interface,
        Containers = [.. info.Containers], CreatedAt = info.Created.LocalDateTime,
    };
}
