namespace ContainerPS.Engine.Networking;

/// <summary>
/// The rtnetlink numbers this engine uses (include/uapi/linux/netlink.h, rtnetlink.h, if_link.h, veth.h,
/// if_addr.h; rtnetlink(7)).
/// </summary>
internal static class Rtnl
{
    public const int AF_NETLINK = 16, NETLINK_ROUTE = 0, AF_UNSPEC = 0, AF_INET = 2;

    // Message types.
    public const ushort NLMSG_ERROR = 2, NLMSG_DONE = 3;
    public const ushort RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_NEWADDR = 20, RTM_NEWROUTE = 24;

    // Header flags.
    public const ushort NLM_F_REQUEST = 0x1, NLM_F_ACK = 0x4, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400;

    // Link attributes (IFLA_*), link info (IFLA_INFO_*), veth (VETH_INFO_PEER).
    public const ushort IFLA_IFNAME = 3, IFLA_MASTER = 10, IFLA_LINKINFO = 18, IFLA_NET_NS_FD = 28;
    public const ushort IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2, VETH_INFO_PEER = 1;

    // Address attributes (IFA_*) and route attributes (RTA_*).
    public const ushort IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_BROADCAST = 4;
    public const ushort RTA_OIF = 4, RTA_GATEWAY = 5;
    public const byte RT_TABLE_MAIN = 254, RTPROT_BOOT = 3, RT_SCOPE_UNIVERSE = 0, RTN_UNICAST = 1;

    public const uint IFF_UP = 0x1;

    /// <summary>The loopback device is always the first one of a network namespace (net/core/dev.c, loopback_net_init).</summary>
    public const int LoopbackIndex = 1;

    public const int HeaderSize = 16, LinkHeaderSize = 16, AddressHeaderSize = 8, RouteHeaderSize = 12;
}
