using System.Net;

namespace ContainerPS.Engine.Networking;

/// <summary>A network's bridge on the host side: the device with the gateway address, up, and its NAT rules.</summary>
internal static class BridgeDevice
{
    /// <summary>Makes what is missing (the bridge, its address, up, the rules); what exists stays. Returns its index.</summary>
    public static int Ensure(NetworkDefinition network)
    {
        using var socket = NetlinkSocket.Open();
        var route = new RouteClient(socket);
        route.CreateBridge(network.Interface);
        int index = route.MustIndexOf(network.Interface);
        route.AddAddress(index, IPAddress.Parse(network.Gateway), Ipv4Subnet.Parse(network.Subnet));
        route.SetUp(index);
        NatRules.Add(network);
        return index;
    }

    /// <summary>Deletes the bridge and its rules; a bridge that is gone already is fine.</summary>
    public static void Remove(NetworkDefinition network)
    {
        using (var socket = NetlinkSocket.Open()) new RouteClient(socket).DeleteLink(network.Interface);
        NatRules.Remove(network);
    }
}
