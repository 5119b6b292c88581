using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// The networks of a store for the cmdlets (docker network create, ls, rm): the built-in bridge, host and none,
/// and bridge networks with a subnet each, made and removed under the networks lock. A new subnet must not overlap
/// the default bridge's, a network of any store (<see cref="SubnetClaims"/>) or a route of the host. A network that
/// containers use cannot be removed (docker refuses too).
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
        using var hostWide = SubnetClaims.Lock(ct);
        var claims = SubnetClaims.OfThisNamespace();
        var taken = TakenSubnets(claims);
        if (wanted is not null && taken.FirstOrDefault(t => t.Subnet.Overlaps(wanted)) is { What: { } clash })
            throw Fail.Conflict("SubnetOverlaps", $"The subnet {wanted} overlaps {clash}.", subnet);
        var network = _networks.Define(name, wanted ?? FreeSubnet(taken.Select(t => t.Subnet)), gateway);
        _networks.Write(network);
        claims.Take(Ipv4Subnet.Parse(network.Subnet), _networks.FileOf(name));
        try
        {
            BridgeDevice.Ensure(network);
        }
        catch
        {
            Forget(network, claims);
            throw;
        }
        return Info(network);
    }

    /// <summary>The built-in networks (bridge, host, none), then the store's own, oldest first.</summary>
    public IReadOnlyList<NetworkInfo> List() =>
        [.. NetworkNames.BuiltIn.Select(BuiltIn), .. _networks.List().Where(n => n.Name != NetworkNames.Bridge).Select(Info)];

    /// <summary>The store's own networks that no container uses (docker network prune: never the built-in ones).</summary>
    public IReadOnlyList<NetworkInfo> ListUnused() =>
        [.. _networks.List().Where(n => n.Name != NetworkNames.Bridge && Users(n.Name).Count == 0).Select(Info)];

    /// <summary>A network by name; bridge, host and none in any case, as -Network takes them.</summary>
    public NetworkInfo Get(string name) => NetworkNames.IsBuiltIn(name) ? BuiltIn(NetworkNames.Normalize(name)) : Info(_networks.Get(name));

    /// <summary>
    /// Removes the network, its bridge and its firewall rules; NetworkInUse while a container uses it. host and none
    /// cannot go (NetworkPredefined, as docker). The default bridge goes from the store (it is made again on first
    /// use), and its device with it unless containers of another store still hold addresses on it.
    /// </summary>
    public void Remove(string name, CancellationToken ct = default)
    {
        if (NetworkNames.IsBuiltIn(name) && NetworkNames.Normalize(name) != NetworkNames.Bridge)
            throw Fail.InvalidArgument("NetworkPredefined", $"'{name}' is a pre-defined network and cannot be removed.", name);
        name = NetworkNames.Normalize(name);
        using var _ = _networks.Lock(ct);
        var network = name == NetworkNames.Bridge ? _networks.TryRead(name) : _networks.Get(name);
        if (network is null) return; // the default bridge before its first use: nothing to remove
        var users = Users(name);
        if (users.Count > 0)
            throw Fail.FailedPrecondition("NetworkInUse", $"Network '{name}' is used by {string.Join(", ", users)}: remove those containers first.", name);
        if (name != NetworkNames.Bridge || !new AddressLeases(network.Interface).AnyTaken()) BridgeDevice.Remove(network);
        using var hostWide = SubnetClaims.Lock(ct);
        Forget(network, SubnetClaims.OfThisNamespace());
    }

    /// <summary>
    /// Everything a new subnet must stay clear of, described for the error: the default bridge's subnet, the store's
    /// networks, the live claims of every store in this network namespace, and the host's routes.
    /// </summary>
    private List<(Ipv4Subnet Subnet, string What)> TakenSubnets(SubnetClaims claims)
    {
        var taken = new List<(Ipv4Subnet, string)> { (Ipv4Subnet.Parse(DefaultBridge().Subnet), $"the default network '{NetworkNames.Bridge}' ({DefaultBridge().Subnet})") };
        taken.AddRange(_networks.List().Select(n => (Ipv4Subnet.Parse(n.Subnet), $"network '{n.Name}' ({n.Subnet})")));
        taken.AddRange(claims.Live().Where(c => Path.GetDirectoryName(c.Holder) != _networks.Directory)
            .Select(c => (c.Subnet, $"network '{c.Network.Name}' ({c.Subnet}) of the store at {Path.GetDirectoryName(Path.GetDirectoryName(c.Holder))}")));
        taken.AddRange(HostRoutes.List().Select(r => (r.Subnet, $"the host's route to {r.Subnet} on {r.Device}")));
        return taken;
    }

    private void Forget(NetworkDefinition network, SubnetClaims claims)
    {
        if (network.Name != NetworkNames.Bridge) claims.Release(Ipv4Subnet.Parse(network.Subnet), _networks.FileOf(network.Name));
        _networks.Delete(network.Name);
    }

    /// <summary>Containers created for the network (attached or not yet started), as docker counts them.</summary>
    private List<string> Users(string network) =>
        _containers.List().Where(r => NetworkNames.Normalize(r.Options.Network) == network || _attachments.AttachmentOf(r.Id)?.Network == network)
            .Select(r => r.Name).ToList();

    /// <summary>The default bridge as made, or as it will be made on first use.</summary>
    private NetworkDefinition DefaultBridge() =>
        _networks.TryRead(NetworkNames.Bridge) ?? _networks.Define(NetworkNames.Bridge, Ipv4Subnet.Parse(NetworkStore.DefaultSubnet), null);

    /// <summary>host and none have no subnet, gateway or device of their own: the container shares the host's stack, or has loopback only.</summary>
    private NetworkInfo BuiltIn(string name)
    {
        if (name == NetworkNames.Bridge)
        {
            var made = _networks.TryRead(name);
            return Info(made ?? DefaultBridge()) with { Created = made?.Created, BuiltIn = true };
        }
        return new NetworkInfo
        {
            Name = name, Driver = name == NetworkNames.Host ? NetworkNames.Host : "null", Subnet = "", Gateway = "", Interface = "",
            Created = null, Containers = Users(name), BuiltIn = true,
        };
    }

    private NetworkInfo Info(NetworkDefinition network) => new()
    {
        Name = network.Name, Driver = network.Driver, Subnet = network.Subnet, Gateway = network.Gateway,
        Interface = network.Interface, Created = network.Created, Containers = Users(network.Name), BuiltIn = false,
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
