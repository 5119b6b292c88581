using System.Buffers.Binary;
using System.Net;
using ContainerPS.Engine.Native;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// The link, address and route changes a bridge network needs, as rtnetlink requests (rtnetlink(7)) on a socket of
/// one network namespace: what <c>ip link add</c>, <c>ip addr add</c> and <c>ip route add</c> send.
/// </summary>
internal sealed class RouteClient(NetlinkSocket socket)
{
    private const ushort Create = Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL | Rtnl.NLM_F_ACK;
    private const int ENODEV = 19, EEXIST = 17;

    /// <summary>The device's index, or null when there is no such device.</summary>
    public int? IndexOf(string name)
    {
        var request = new NetlinkMessage(Rtnl.RTM_GETLINK, 0).LinkHeader().Attribute(Rtnl.IFLA_IFNAME, name);
        int errno = socket.Exchange(request, out var reply);
        if (errno == ENODEV) return null;
        if (errno != 0 || reply is null) throw Errno.Exception(errno, "rtnetlink get link", name);
        return BinaryPrimitives.ReadInt32LittleEndian(reply.AsSpan(Rtnl.HeaderSize + 4)); // ifinfomsg.ifi_index
    }

    public int MustIndexOf(string name) =>
        IndexOf(name) ?? throw Errno.Exception(ENODEV, "rtnetlink get link", name);

    /// <summary><c>ip link add NAME type bridge</c>; true if it was made, false if it was there already.</summary>
    public bool CreateBridge(string name)
    {
        var request = new NetlinkMessage(Rtnl.RTM_NEWLINK, Create).LinkHeader()
            .Attribute(Rtnl.IFLA_IFNAME, name)
            .Nested(Rtnl.IFLA_LINKINFO, info => info.Attribute(Rtnl.IFLA_INFO_KIND, "bridge"));
        int errno = socket.Change(request);
        if (errno == EEXIST) return false;
        if (errno != 0) throw Errno.Exception(errno, "rtnetlink create bridge", name);
        return true;
    }

    /// <summary>
    /// <c>ip link add HOST master BRIDGE type veth peer name PEER netns FD</c>: the pair is made here and its peer
    /// moved into the namespace that <paramref name="peerNamespaceFd"/> names in the same request (veth.h, VETH_INFO_PEER
    /// carries an ifinfomsg and the peer's own attributes).
    /// </summary>
    public void CreateVethPair(string hostName, int bridgeIndex, string peerName, int peerNamespaceFd)
    {
        var request = new NetlinkMessage(Rtnl.RTM_NEWLINK, Create).LinkHeader()
            .Attribute(Rtnl.IFLA_IFNAME, hostName)
            .Attribute(Rtnl.IFLA_MASTER, bridgeIndex)
            .Nested(Rtnl.IFLA_LINKINFO, info => info
                .Attribute(Rtnl.IFLA_INFO_KIND, "veth")
                .Nested(Rtnl.IFLA_INFO_DATA, data => data
                    .Nested(Rtnl.VETH_INFO_PEER, peer => peer
                        .LinkHeader()
                        .Attribute(Rtnl.IFLA_IFNAME, peerName)
                        .Attribute(Rtnl.IFLA_NET_NS_FD, peerNamespaceFd))));
        socket.MustChange(request, hostName);
    }

    /// <summary><c>ip link set INDEX up</c>.</summary>
    public void SetUp(int index) =>
        socket.MustChange(new NetlinkMessage(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_ACK).LinkHeader(index, Rtnl.IFF_UP, Rtnl.IFF_UP), $"link {index} up");

    /// <summary><c>ip addr add ADDRESS/PREFIX broadcast + dev INDEX</c>; an address that is there already is fine.</summary>
    public void AddAddress(int index, IPAddress address, Ipv4Subnet subnet)
    {
        var request = new NetlinkMessage(Rtnl.RTM_NEWADDR, Create).AddressHeader((byte)subnet.PrefixLength, index)
            .Attribute(Rtnl.IFA_LOCAL, address.GetAddressBytes())
            .Attribute(Rtnl.IFA_ADDRESS, address.GetAddressBytes())
            .Attribute(Rtnl.IFA_BROADCAST, subnet.Broadcast.GetAddressBytes());
        int errno = socket.Change(request);
        if (errno != 0 && errno != EEXIST) throw Errno.Exception(errno, "rtnetlink add address", $"{address}/{subnet.PrefixLength}");
    }

    /// <summary><c>ip route add default via GATEWAY dev INDEX</c>.</summary>
    public void AddDefaultRoute(int index, IPAddress gateway)
    {
        var request = new NetlinkMessage(Rtnl.RTM_NEWROUTE, Create).RouteHeader(0)
            .Attribute(Rtnl.RTA_GATEWAY, gateway.GetAddressBytes())
            .Attribute(Rtnl.RTA_OIF, index);
        int errno = socket.Change(request);
        if (errno != 0 && errno != EEXIST) throw Errno.Exception(errno, "rtnetlink add default route", gateway.ToString());
    }

    /// <summary><c>ip link del NAME</c>; false when there was no such device. Deleting one end of a veth pair deletes both.</summary>
    public bool DeleteLink(string name)
    {
        int errno = socket.Change(new NetlinkMessage(Rtnl.RTM_DELLINK, Rtnl.NLM_F_ACK).LinkHeader().Attribute(Rtnl.IFLA_IFNAME, name));
        if (errno == ENODEV) return false;
        if (errno != 0) throw Errno.Exception(errno, "rtnetlink delete link", name);
        return true;
    }
}
