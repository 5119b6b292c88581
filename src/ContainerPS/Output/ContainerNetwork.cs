namespace ContainerPS;

/// <summary>
/// A network (docker network ls, docker network inspect; PSTypeName <c>ContainerPS.ContainerNetwork</c>): its subnet,
/// gateway, bridge device and the containers on it. bridge, host and none are always there (<see cref="BuiltIn"/>).
/// </summary>
public sealed class ContainerNetwork
{
    public string Name { get; init; } = "";

    /// <summary>bridge; host for the host's network, null for none (docker's drivers).</summary>
    public string Driver { get; init; } = "";

    /// <summary>The subnet in CIDR form; empty for host and none.</summary>
    public string Subnet { get; init; } = "";

    public string Gateway { get; init; } = "";

    /// <summary>The bridge device on the host.</summary>
    public string Interface { get; init; } = "";

    /// <summary>Names of the containers created for the network.</summary>
    public string[] Containers { get; init; } = [];

    /// <summary>True for bridge, host and none, which are always there and cannot be made or removed by name.</summary>
    public bool BuiltIn { get; init; }

    /// <summary>When the network was made; null for host and none, and for the default bridge until its first container makes it.</summary>
    public DateTime? CreatedAt { get; init; }

    public override string ToString() => Name;

    internal static ContainerNetwork From(Engine.Networking.NetworkInfo info) => new()
    {
        Name = info.Name, Driver = info.Driver, Subnet = info.Subnet, Gateway = info.Gateway, Interface = info.Interface,
        Containers = [.. info.Containers], BuiltIn = info.BuiltIn, CreatedAt = info.Created?.LocalDateTime,
    };
}
