using System.Net;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// One container's wiring: a veth pair between the bridge and the container's network namespace, eth0 with the
/// container's address, loopback up, and the default route through the gateway (what docker's bridge driver does).
/// </summary>
internal static class ContainerInterface
{
    /// <summary>The container's end of the pair, as docker names it.</summary>
    public const string PeerName = "eth0";

    public static void Plumb(NetworkAttachment attachment, int bridgeIndex)
    {
        using (var host = NetlinkSocket.Open())
        using (var namespaceFd = NetworkNamespace.OpenNamespace(attachment.NamespacePath))
        {
            var route = new RouteClient(host);
            route.CreateVethPair(attachment.HostInterface, bridgeIndex, PeerName, (int)namespaceFd.DangerousGetHandle());
            route.SetUp(route.MustIndexOf(attachment.HostInterface));
        }

        using var inside = NetworkNamespace.OpenRouteSocket(attachment.NamespacePath);
        var container = new RouteClient(inside);
        container.SetUp(Rtnl.LoopbackIndex);
        int eth0 = container.MustIndexOf(PeerName);
        var subnet = Ipv4Subnet.FromAddress(IPAddress.Parse(attachment.IPAddress), attachment.PrefixLength);
        container.AddAddress(eth0, IPAddress.Parse(attachment.IPAddress), subnet);
        container.SetUp(eth0);
        container.AddDefaultRoute(eth0, IPAddress.Parse(attachment.Gateway));
    }

    /// <summary>Deletes the pair from the host side (both ends go) and unpins the namespace; whatever is gone already is fine.</summary>
    public static void Unplumb(string hostInterface, string namespacePath)
    {
        using (var host = NetlinkSocket.Open()) new RouteClient(host).DeleteLink(hostInterface);
        NetworkNamespace.Delete(namespacePath);
    }
}
