using System.Buffers.Binary;
using System.Text;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// One netlink request as bytes: the nlmsghdr, a fixed header of the message family, then route attributes, which
/// may nest (netlink(7), rtnetlink(7); every part is padded to 4 bytes, NLMSG_ALIGN and RTA_ALIGN).
/// </summary>
internal sealed class NetlinkMessage
{
    private readonly List<byte> _bytes = [];

    public NetlinkMessage(ushort type, ushort flags)
    {
        _bytes.AddRange(new byte[Rtnl.HeaderSize]);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(4, 2), type);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(6, 2), (ushort)(flags | Rtnl.NLM_F_REQUEST));
    }

    /// <summary>struct ifinfomsg: family, pad, type, index, flags, change.</summary>
    public NetlinkMessage LinkHeader(int index = 0, uint flags = 0, uint change = 0)
    {
        var header = new byte[Rtnl.LinkHeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), index);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), change);
        _bytes.AddRange(header);
        return this;
    }

    /// <summary>struct ifaddrmsg: family, prefix length, flags, scope, index.</summary>
    public NetlinkMessage AddressHeader(byte prefixLength, int index)
    {
        var header = new byte[Rtnl.AddressHeaderSize];
        header[0] = Rtnl.AF_INET;
        header[1] = prefixLength;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), index);
        _bytes.AddRange(header);
        return this;
    }

    /// <summary>struct rtmsg for a unicast route of the main table: family, dst_len, src_len, tos, table, protocol, scope, type, flags.</summary>
    public NetlinkMessage RouteHeader(byte destinationLength)
    {
        _bytes.AddRange([Rtnl.AF_INET, destinationLength, 0, 0, Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BOOT, Rtnl.RT_SCOPE_UNIVERSE, Rtnl.RTN_UNICAST, 0, 0, 0, 0]);
        return this;
    }

    public NetlinkMessage Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        int start = BeginAttribute(type);
        _bytes.AddRange(value.ToArray());
        PatchLength(start);
        Pad();
        return this;
    }

    public NetlinkMessage Attribute(ushort type, string value) => Attribute(type, Encoding.ASCII.GetBytes(value + "\0"));

    public NetlinkMessage Attribute(ushort type, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return Attribute(type, bytes);
    }

    /// <summary>An attribute that holds others; <paramref name="content"/> adds them (and may add a fixed header first).</summary>
    public NetlinkMessage Nested(ushort type, Action<NetlinkMessage> content)
    {
        int start = BeginAttribute(type);
        content(this);
        PatchLength(start);
        return this;
    }

    /// <summary>The finished message with its length and sequence number.</summary>
    public byte[] ToArray(uint sequence)
    {
        var bytes = _bytes.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), sequence);
        return bytes;
    }

    /// <summary>struct rtattr: length (patched once the value is in), type.</summary>
    private int BeginAttribute(ushort type)
    {
        int start = _bytes.Count;
        _bytes.AddRange(new byte[4]);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(start + 2, 2), type);
        return start;
    }

    /// <summary>rta_len counts the header and the value, not the padding after it.</summary>
    private void PatchLength(int start) =>
        BinaryPrimitives.WriteUInt16LittleEndian(Span(start, 2), (ushort)(_bytes.Count - start));

    private void Pad()
    {
        while (_bytes.Count % 4 != 0) _bytes.Add(0);
    }

    private Span<byte> Span(int offset, int length) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bytes).Slice(offset, length);
}
