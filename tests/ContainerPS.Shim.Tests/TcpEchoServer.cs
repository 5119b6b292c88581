using System.Net;
using System.Net.Sockets;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// A TCP server on 127.0.0.1 (an ephemeral port) that the proxy forwards to: it echoes each connection until the
/// client half-closes, then writes <c>bye &lt;bytes received&gt;</c> and closes, so a test can see both the data
/// and the half-close arrive.
/// </summary>
internal sealed class TcpEchoServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Thread _thread;

    public TcpEchoServer()
    {
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private void Serve()
    {
        try
        {
            while (true)
            {
                var client = _listener.AcceptSocket();
                new Thread(() => Echo(client)) { IsBackground = true }.Start();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { } // stopped
    }

    private static void Echo(Socket client)
    {
        using var _ = client;
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = client.Receive(buffer)) > 0)
        {
            client.Send(buffer.AsSpan(0, read));
            total += read;
        }
        client.Send(System.Text.Encoding.ASCII.GetBytes($"bye {total}"));
        client.Shutdown(SocketShutdown.Send);
    }

    public void Dispose()
    {
        _listener.Stop();
        _thread.Join();
    }
}
