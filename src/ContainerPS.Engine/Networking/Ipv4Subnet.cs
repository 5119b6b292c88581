using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Networking;

/// <summary>An IPv4 network in CIDR notation (RFC 4632), such as 10.88.0.0/16: its addresses as 32-bit numbers.</summary>
public sealed record Ipv4Subnet(uint Network, int PrefixLength)
{
    /// <summary>Prefixes shorter than /8 are not a bridge's business; /30 still leaves a gateway and one container.</summary>
    private const int ShortestPrefix = 8, LongestPrefix = 30;

    public static Ipv4Subnet Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out int prefix) || prefix is < ShortestPrefix or > LongestPrefix)
            throw Invalid(text, $"use an IPv4 network such as 10.89.0.0/24 (prefix /{ShortestPrefix} to /{LongestPrefix})");
        uint network = ToNumber(address);
        var subnet = new Ipv4Subnet(network, prefix);
        if ((network & ~subnet.Mask) != 0)
            throw Invalid(text, $"the host bits are set: the network is {FromNumber(network & subnet.Mask)}/{prefix}");
        return subnet;
    }

    /// <summary>The subnet an address with this prefix length belongs to.</summary>
    public static Ipv4Subnet FromAddress(IPAddress address, int prefixLength)
    {
        var any = new Ipv4Subnet(0, prefixLength);
        return new Ipv4Subnet(ToNumber(address) & any.Mask, prefixLength);
    }

    public uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    public IPAddress Address => FromNumber(Network);

    public IPAddress Broadcast => FromNumber(Network | ~Mask);

    /// <summary>The first host address, docker's default gateway.</summary>
    public IPAddress FirstHost => FromNumber(Network + 1);

    /// <summary>Every address but the network's and the broadcast address (RFC 919, RFC 950).</summary>
    public IEnumerable<IPAddress> Hosts()
    {
        for (uint n = Network + 1; n < (Network | ~Mask); n++) yield return FromNumber(n);
    }

    public bool Contains(IPAddress address) => (ToNumber(address) & Mask) == Network;

    public bool IsHost(IPAddress address) => Contains(address) && !address.Equals(Address) && !address.Equals(Broadcast);

    public bool Overlaps(Ipv4Subnet other)
    {
        uint common = PrefixLength < other.PrefixLength ? Mask : other.Mask;
        return (Network & common) == (other.Network & common);
    }

    public override string ToString() => $"{Address}/{PrefixLength}";

    public static uint ToNumber(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());

    public static IPAddress FromNumber(uint number)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, number);
        return new IPAddress(bytes);
    }

    private static ContainerPSException Invalid(string text, string why) =>
        Fail.InvalidArgument("InvalidSubnet", $"'{text}' is not a usable subnet: {why}.", text);
}
