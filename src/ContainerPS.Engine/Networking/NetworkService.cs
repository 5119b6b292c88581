using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// The networks of a store for the cmdlets (docker network create, ls, rm): bridge networks with a subnet each,
/// made and removed under the networks lock. A network that containers use cannot be removed (docker refuses too).
/// </summary>
public sealed class NetworkService
{
    /// <summary>Where New-ContainerNetwork looks for a free subnet when none is given (podman's range for its networks).</summary>
    private const string AutomaticSubnetBase = "10.89.0.0";

    private readonly NetworkStore _networks;
    private readonly ContainerStore _containers;
    private readonly ContainerNetworking _attachments;

    internal NetworkService(NetworkStore networks, ContainerStore containers, ContainerNetworking attachments)
    {
        _networks = networks;
        _containers = containers;
        _attachments = attachments;
    }

    /// <summary>Makes the network and its bridge; <paramref name="subnet"/> null picks a free /24 of 10.89.0.0/16.</summary>
    public NetworkInfo Create(string name, string? subnet = null, string? gateway = null, CancellationToken ct = default)
    {
        NetworkNames.ValidateNew(name);
        var wanted = subnet is null ? null : Ipv4Subnet.Parse(subnet);
        using var _ = _networks.Lock(ct);
        if (_networks.TryRead(name) is not null) throw Fail.Conflict("NetworkExists", $"A network named '{name}' exists already.", name);
        var others = _networks.List().Select(n => (n.Name, Subnet: Ipv4Subnet.Parse(n.Subnet))).ToList();
        if (wanted is not null && others.FirstOrDefault(o => o.Subnet.Overlaps(wanted)) is { Name: { } clash } other)
            throw Fail.Conflict("SubnetOverlaps", $"The subnet {wanted} overlaps network '{clash}' ({other.Subnet}).", subnet);
        var network = _networks.Define(name, wanted ?? FreeSubnet(others.Select(o => o.Subnet)), gateway);
        BridgeDevice.Ensure(network);
        _networks.Write(network);
        return Info(network);
    }

    /// <summary>Every network, oldest first.</summary>
    public IReadOnlyList<NetworkInfo> List() => _networks.List().Select(Info).ToList();

    public NetworkInfo Get(string name) => Info(_networks.Get(name));

    /// <summary>Removes the network, its bridge and its firewall rules; NetworkInUse while a container uses it.</summary>
    public void Remove(string name, CancellationToken ct = default)
    {
        using var _ = _networks.Lock(ct);
        var network = _networks.Get(name);
        var users = Users(name);
        if (users.Count > 0)
            throw Fail.FailedPrecondition("NetworkInUse", $"Network '{name}' is used by {string.Join(", ", users)}: remove those containers first.", name);
        BridgeDevice.Remove(network);
        _networks.Delete(name);
    }

    /// <summary>Containers created for the network (attached or not yet started), as docker counts them.</summary>
    private List<string> Users(string network) =>
        _containers.List().Where(r => NetworkNames.Normalize(r.Options.Network) == network || _attachments.AttachmentOf(r.Id)?.Network == network)
            .Select(r => r.Name).ToList();

    private NetworkInfo Info(NetworkDefinition network) => new()
    {
        Name = network.Name, Driver = network.Driver, Subnet = network.Subnet, Gateway = network.Gateway,
        Interface = network.Interface, Created = network.Created, Containers = Users(network.Name),
    };

    private static Ipv4Subnet FreeSubnet(IEnumerable<Ipv4Subnet> taken)
    {
        var used = taken.ToList();
        uint first = Ipv4Subnet.ToNumber(System.Net.IPAddress.Parse(AutomaticSubnetBase));
        for (uint third = 0; third < 256; third++)
        {
            var candidate = new Ipv4Subnet(first + (third << 8), 24);
            if (!used.Any(u => u.Overlaps(candidate))) return candidate;
        }
        throw Fail.Unavailable("NoFreeSubnet", $"Every /24 of {AutomaticSubnetBase}/16 is taken: give -Subnet.", null);
    }
}
