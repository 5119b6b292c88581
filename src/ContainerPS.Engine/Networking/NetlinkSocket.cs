using System.Buffers.Binary;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// An AF_NETLINK/NETLINK_ROUTE socket. A netlink socket talks to the network namespace it was created in, whatever
/// thread uses it later (netlink(7)); that is how the engine configures a container's namespace without ever
/// moving a pwsh thread into it for longer than the socket() call (see <see cref="NetworkNamespace.OpenRouteSocket"/>).
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    private const int ReceiveBufferSize = 64 * 1024;
    private int _fd;
    private uint _sequence;

    private NetlinkSocket(int fd) => _fd = fd;

    /// <summary>A socket in the calling thread's network namespace.</summary>
    public static NetlinkSocket Open()
    {
        int fd = LibC.socket(Rtnl.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, Rtnl.NETLINK_ROUTE);
        if (fd < 0) throw Errno.Exception("socket", "AF_NETLINK");
        return new NetlinkSocket(fd);
    }

    /// <summary>Sends a request that changes something (NLM_F_ACK) and returns the kernel's errno for it, 0 on success.</summary>
    public int Change(NetlinkMessage message) => Exchange(message, out _);

    /// <summary>Like <see cref="Change"/>, but any errno is an error naming <paramref name="what"/>.</summary>
    public void MustChange(NetlinkMessage message, string what)
    {
        int errno = Change(message);
        if (errno != 0) throw Errno.Exception(errno, "rtnetlink", what);
    }

    /// <summary>Sends a request and returns the kernel's answer (the whole message, header included) or its errno.</summary>
    public int Exchange(NetlinkMessage message, out byte[]? reply)
    {
        uint sequence = ++_sequence;
        var bytes = message.ToArray(sequence);
        fixed (byte* p = bytes)
        {
            if (LibC.send(_fd, p, bytes.Length, 0) < 0) throw Errno.Exception("send", "AF_NETLINK");
        }
        return Receive(sequence, out reply);
    }

    private int Receive(uint sequence, out byte[]? reply)
    {
        var buffer = new byte[ReceiveBufferSize];
        while (true)
        {
            long length;
            fixed (byte* p = buffer) length = LibC.recv(_fd, p, buffer.Length, 0);
            if (length < 0)
            {
                if (Errno.Last == LibC.EINTR) continue;
                throw Errno.Exception("recv", "AF_NETLINK");
            }
            for (int offset = 0; offset + Rtnl.HeaderSize <= length;)
            {
                var header = buffer.AsSpan(offset);
                int size = (int)BinaryPrimitives.ReadUInt32LittleEndian(header);
                ushort type = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
                uint seq = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
                if (size < Rtnl.HeaderSize) break;
                if (seq == sequence)
                {
                    // struct nlmsgerr: a negative errno, or 0 for the acknowledgement (netlink(7), NLMSG_ERROR).
                    reply = type == Rtnl.NLMSG_ERROR ? null : header[..size].ToArray();
                    return type == Rtnl.NLMSG_ERROR ? -BinaryPrimitives.ReadInt32LittleEndian(header[Rtnl.HeaderSize..]) : 0;
                }
                offset += (size + 3) & ~3;
            }
        }
    }

    public void Dispose()
    {
        if (_fd >= 0) LibC.close(_fd);
        _fd = -1;
    }
}
