using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// The networks of a store, one file each under <c>&lt;root&gt;/networks/</c>. Whoever creates or removes a
/// network, or gives a container an address, holds the networks lock (flock), so names, subnets and addresses stay
/// unique across pwsh sessions.
/// </summary>
internal sealed class NetworkStore
{
    /// <summary>The default network, made on first use as docker's docker0 is; its name is reserved, so its subnet is this one.</summary>
    public const string DefaultSubnet = "10.88.0.0/16", DefaultInterface = "containerps0";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly StoreLayout _layout;

    public NetworkStore(StoreLayout layout)
    {
        _layout = layout;
        Directory = Path.Combine(layout.Root, "networks");
    }

    public string Directory { get; }

    public FileLock Lock(CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(_layout.Locks);
        return FileLock.Acquire(Path.Combine(_layout.Locks, "networks.lock"), exclusive: true, ct);
    }

    public IReadOnlyList<NetworkDefinition> List() =>
        !System.IO.Directory.Exists(Directory) ? [] :
        System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(file => TryRead(Path.GetFileNameWithoutExtension(file)))
            .OfType<NetworkDefinition>()
            .OrderBy(n => n.Created)
            .ToList();

    public NetworkDefinition? TryRead(string name)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(FileOf(name)), NetworkJsonContext.Default.NetworkDefinition);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public NetworkDefinition Get(string name) =>
        TryRead(name) ?? throw Fail.NotFound("NetworkNotFound", $"No network named '{name}'.", name);

    public void Write(NetworkDefinition network)
    {
        if (!System.IO.Directory.Exists(Directory)) System.IO.Directory.CreateDirectory(Directory, OwnerOnly);
        AtomicFile.WriteAllBytes(FileOf(network.Name), JsonSerializer.SerializeToUtf8Bytes(network, NetworkJsonContext.Default.NetworkDefinition));
    }

    public void Delete(string name) => File.Delete(FileOf(name));

    /// <summary>The default network's definition when it has none yet. Call under <see cref="Lock"/>.</summary>
    public NetworkDefinition GetOrCreateDefault()
    {
        if (TryRead(NetworkNames.Bridge) is { } existing) return existing;
        var network = Define(NetworkNames.Bridge, Ipv4Subnet.Parse(DefaultSubnet), null);
        Write(network);
        return network;
    }

    /// <summary>A new definition; the gateway defaults to the subnet's first address, as docker's.</summary>
    public NetworkDefinition Define(string name, Ipv4Subnet subnet, string? gateway)
    {
        var gatewayAddress = gateway is null ? subnet.FirstHost : ParseGateway(gateway, subnet);
        return new NetworkDefinition
        {
            Name = name, Subnet = subnet.ToString(), Gateway = gatewayAddress.ToString(), Interface = InterfaceFor(name),
            Created = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>
    /// The bridge device: containerps0 for the default network; for the others a name from a hash of the store root
    /// and the network name (docker's br-&lt;id&gt;), so two stores' networks of the same name never share a device.
    /// </summary>
    private string InterfaceFor(string name) => name == NetworkNames.Bridge
        ? DefaultInterface
        : "cps-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_layout.Root + "\0" + name)))[..11];

    private static System.Net.IPAddress ParseGateway(string gateway, Ipv4Subnet subnet)
    {
        if (!System.Net.IPAddress.TryParse(gateway, out var address) || !subnet.IsHost(address))
            throw Fail.InvalidArgument("InvalidGateway", $"'{gateway}' is not a host address of {subnet}.", gateway);
        return address;
    }

    /// <summary>The definition file of the network: what its subnet claim names as holder (<see cref="SubnetClaims"/>).</summary>
    public string FileOf(string name) => Path.Combine(Directory, name + ".json");
}
