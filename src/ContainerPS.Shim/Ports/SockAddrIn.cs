using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Ports;

/// <summary>struct sockaddr_in (ip(7)): family, port and address in network byte order, 8 bytes of padding.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal struct SockAddrIn
{
    public const int Size = 16;

    public ushort Family;
    public ushort PortNetworkOrder;
    public uint AddressNetworkOrder;

    public readonly int Port => BinaryPrimitives.ReverseEndianness(PortNetworkOrder);

    /// <summary>A packed key for a client's address and port (one UDP flow per client).</summary>
    public readonly ulong Key => ((ulong)AddressNetworkOrder << 16) | PortNetworkOrder;

    public static SockAddrIn Of(IPAddress address, int port)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException($"'{address}' is not an IPv4 address");
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return new SockAddrIn
        {
            Family = SocketCalls.AF_INET,
            PortNetworkOrder = BinaryPrimitives.ReverseEndianness((ushort)port),
            AddressNetworkOrder = MemoryMarshal.Read<uint>(bytes), // the bytes are already in network order
        };
    }

    public readonly IPAddress Address => new(AddressNetworkOrder);

    public override readonly string ToString() => $"{Address}:{Port}";
}
