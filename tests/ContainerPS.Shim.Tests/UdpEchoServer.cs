using System.Net;
using System.Net.Sockets;

namespace ContainerPS.Shim.Tests;

/// <summary>A UDP server on 127.0.0.1 (an ephemeral port) that answers every datagram with "echo:" and the datagram.</summary>
internal sealed class UdpEchoServer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;

    public UdpEchoServer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    private void Serve()
    {
        var buffer = new byte[65536];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (true)
            {
                int read = _socket.ReceiveFrom(buffer, ref from);
                _socket.SendTo([.. "echo:"u8, .. buffer.AsSpan(0, read)], from);
            }
        }
        catch (SocketException) { } // stopped
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _socket.Close();
        _thread.Join();
    }
}
