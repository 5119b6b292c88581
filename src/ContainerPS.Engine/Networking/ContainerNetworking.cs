using System.Net;
using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// A container's network, from start to removal. Before the supervisor starts a container, <see cref="Prepare"/>
/// writes its /etc files and, on a bridge network, gives it a network namespace of its own (a file under
/// <c>/run/containerps/&lt;hash&gt;/netns/</c> that its spec joins), an address, a veth pair and a route. The
/// namespace and the address stay while the container exists, stopped or not (no process holds them);
/// <see cref="Release"/> takes them away when it is removed or its start fails, and the other containers of the
/// network have their /etc/hosts rewritten whenever one joins or leaves.
/// </summary>
internal sealed class ContainerNetworking(ContainerStore containers, NetworkStore networks, StateRoot stateRoot)
{
    private const string AttachmentFileName = "network.json";

    public string NamespacePath(string id) => Path.Combine(stateRoot.Path, "netns", id);

    /// <summary>Create checks that the network exists (the default one is made on first use, at start).</summary>
    public void Validate(string network)
    {
        if (NetworkNames.IsBridged(network) && network != NetworkNames.Bridge) networks.Get(network);
    }

    public NetworkAttachment? AttachmentOf(string id)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(AttachmentFile(id)), NetworkJsonContext.Default.NetworkAttachment);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Sets the container's network up afresh; safe to call on every start (what a stopped container had is rebuilt).</summary>
    public void Prepare(ContainerRecord record, CancellationToken ct)
    {
        var paths = containers.PathsOf(record.Id);
        switch (NetworkNames.Normalize(record.Options.Network))
        {
            case NetworkNames.Host:
                EtcFiles.WriteForHost(paths, record.Hostname);
                break;
            case NetworkNames.None:
                EtcFiles.WriteForOwnNamespace(paths, record.Hostname, HostsFile.Build(null, []));
                break;
            case var name:
                Attach(record, name, ct);
                break;
        }
    }

    /// <summary>Takes the container off its network: veth, namespace, address; the others' hosts files lose it.</summary>
    public void Release(ContainerRecord record, CancellationToken ct)
    {
        if (AttachmentOf(record.Id) is not { } attachment)
        {
            NetworkNamespace.Delete(NamespacePath(record.Id)); // a start that failed before the attachment was written
            return;
        }
        using var _ = networks.Lock(ct);
        ContainerInterface.Unplumb(attachment.HostInterface, attachment.NamespacePath);
        LeasesOf(attachment)?.Release(IPAddress.Parse(attachment.IPAddress), attachment.NamespacePath);
        File.Delete(AttachmentFile(record.Id));
        RemoveEmptyNamespaceDirectory();
        RewritePeers(attachment.Network);
    }

    /// <summary>After a rename: the network's hosts files name the container by its new name.</summary>
    public void Renamed(string id, CancellationToken ct)
    {
        if (AttachmentOf(id) is not { } attachment) return;
        using var _ = networks.Lock(ct);
        RewritePeers(attachment.Network);
    }

    private void Attach(ContainerRecord record, string name, CancellationToken ct)
    {
        using var _ = networks.Lock(ct);
        var network = name == NetworkNames.Bridge ? networks.GetOrCreateDefault() : networks.Get(name);
        if (name != NetworkNames.Bridge) ClaimSubnet(network, ct);
        int bridgeIndex = BridgeDevice.Ensure(network);
        var attachment = ReusableAttachment(record.Id, network) ?? NewAttachment(record.Id, network);
        ContainerInterface.Unplumb(attachment.HostInterface, attachment.NamespacePath);
        File.Delete(AttachmentFile(record.Id));
        NetworkNamespace.Create(attachment.NamespacePath);
        try
        {
            ContainerInterface.Plumb(attachment, bridgeIndex);
            AtomicFile.WriteAllBytes(AttachmentFile(record.Id), JsonSerializer.SerializeToUtf8Bytes(attachment, NetworkJsonContext.Default.NetworkAttachment));
        }
        catch
        {
            ContainerInterface.Unplumb(attachment.HostInterface, attachment.NamespacePath);
            LeasesOf(attachment)?.Release(IPAddress.Parse(attachment.IPAddress), attachment.NamespacePath);
            throw;
        }
        var paths = containers.PathsOf(record.Id);
        EtcFiles.WriteForOwnNamespace(paths, record.Hostname, HostsFile.Build(null, []));
        RewritePeers(network.Name);
    }

    /// <summary>
    /// The network's subnet claim, made again if it is gone (after a reboot /run is empty): a network of another store
    /// that claimed an overlapping subnet meanwhile keeps it, and this bridge is not made (SubnetOverlaps).
    /// </summary>
    private void ClaimSubnet(NetworkDefinition network, CancellationToken ct)
    {
        using var _ = SubnetClaims.Lock(ct);
        var claims = SubnetClaims.OfThisNamespace();
        var subnet = Ipv4Subnet.Parse(network.Subnet);
        var holder = networks.FileOf(network.Name);
        var live = claims.Live();
        if (live.Any(c => c.Holder == holder && c.Subnet == subnet)) return;
        if (live.FirstOrDefault(c => c.Holder != holder && c.Subnet.Overlaps(subnet)) is { Holder: { } other } clash)
            throw Fail.Conflict("SubnetOverlaps", $"The subnet {subnet} of network '{network.Name}' overlaps network '{clash.Network.Name}' ({clash.Subnet}) of the store at {Path.GetDirectoryName(Path.GetDirectoryName(other))}.", network.Name);
        claims.Take(subnet, holder);
    }

    /// <summary>A restarted container keeps its address, if its lease is still its own (after a reboot another store may have it).</summary>
    private NetworkAttachment? ReusableAttachment(string id, NetworkDefinition network) =>
        AttachmentOf(id) is { } existing && existing.Network == network.Name
            && LeasesOf(existing)?.TryTake(IPAddress.Parse(existing.IPAddress), existing.NamespacePath) == true
            ? existing : null;

    private NetworkAttachment NewAttachment(string id, NetworkDefinition network)
    {
        var others = containers.List().Where(r => r.Id != id).Select(r => AttachmentOf(r.Id)).OfType<NetworkAttachment>();
        var subnet = Ipv4Subnet.Parse(network.Subnet);
        var leases = new AddressLeases(network.Interface);
        var address = AddressAllocator.Next(network, others, a => leases.TryTake(a, NamespacePath(id)));
        return new NetworkAttachment
        {
            Network = network.Name, IPAddress = address.ToString(), PrefixLength = subnet.PrefixLength, Gateway = network.Gateway,
            Bridge = network.Interface, HostInterface = HostInterfaceName(id), NamespacePath = NamespacePath(id),
        };
    }

    private static AddressLeases? LeasesOf(NetworkAttachment attachment) => attachment.Bridge is { } bridge ? new(bridge) : null;

    /// <summary>Every attached container of the network gets a hosts file with itself and all the others (the one that joined included).</summary>
    private void RewritePeers(string network)
    {
        var members = containers.List()
            .Select(r => (Record: r, Attachment: AttachmentOf(r.Id)))
            .Where(m => m.Attachment?.Network == network)
            .ToList();
        foreach (var (record, attachment) in members)
        {
            var peers = members.Where(m => m.Record.Id != record.Id).Select(m => (m.Attachment!.IPAddress, m.Record.Name));
            var hosts = HostsFile.Build((attachment!.IPAddress, [record.Hostname, record.Name]), peers);
            EtcFiles.Rewrite(EtcFiles.HostsOf(containers.PathsOf(record.Id)), hosts);
        }
    }

    private void RemoveEmptyNamespaceDirectory()
    {
        try
        {
            Directory.Delete(Path.Combine(stateRoot.Path, "netns"), recursive: false);
        }
        catch (IOException)
        {
            // another container's namespace is still there, or the directory is gone already
        }
    }

    /// <summary>The host end of the pair: unique per container, at most 15 characters (IFNAMSIZ).</summary>
    private static string HostInterfaceName(string id) => "veth" + id[..11];

    private string AttachmentFile(string id) => Path.Combine(containers.PathsOf(id).Directory, AttachmentFileName);
}
