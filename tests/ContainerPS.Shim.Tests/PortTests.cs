using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// io.containerps.ports: the supervisor binds the published host ports before the container exists and proxies to
/// the target (docker-proxy). The containers share the host's network namespace and every address is 127.0.0.1;
/// most targets are echo servers in this process, one is busybox httpd inside the container.
/// </summary>
public sealed class PortTests : IDisposable
{
    private readonly Shim _shim = new();
    private readonly BusyboxBundle _bundle = new();

    /// <summary>Starts a host-network container running <paramref name="script"/> that publishes <paramref name="ports"/>.</summary>
    private ShimResult Start(string script, out string id, params PublishedPort[] ports)
    {
        var spec = BusyboxBundle.DefaultSpec(script);
        spec = spec with
        {
            Linux = spec.Linux with { Namespaces = spec.Linux.Namespaces!.Where(n => n.Type != "network").ToList() },
            Annotations = new() { [Annotations.PublishedPorts] = JsonSerializer.Serialize(ports.ToList(), RuntimeJsonContext.Default.ListPublishedPort) },
        };
        _bundle.Write(spec);
        id = _shim.NewId();
        return _shim.Invoke("create", "--start", "--bundle", _bundle.Path, id);
    }

    private string StartSleeping(params PublishedPort[] ports)
    {
        var result = Start("exec sleep 600", out string id, ports);
        Assert.True(result.ExitCode == 0, result.ToString());
        return id;
    }

    private static PublishedPort Tcp(int hostPort, int targetPort) =>
        new() { Protocol = "tcp", HostIp = "127.0.0.1", HostPort = hostPort, TargetIp = "127.0.0.1", TargetPort = targetPort };

    private static PublishedPort Udp(int hostPort, int targetPort) => Tcp(hostPort, targetPort) with { Protocol = "udp" };

    private int BoundPort(string id, int index = 0) => _shim.State(id).PublishedPorts![index].HostPort;

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(IPAddress.Loopback, port);
        return socket;
    }

    private static byte[] ReceiveToEnd(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = socket.Receive(buffer)) > 0) all.Write(buffer, 0, read);
        return all.ToArray();
    }

    [Fact]
    public void An_http_request_reaches_busybox_httpd_in_the_container_through_the_published_port()
    {
        int target = FreePort(), published = FreePort();
        var result = Start($"mkdir /www && echo hello-from-httpd > /www/index.html && exec httpd -f -p 127.0.0.1:{target} -h /www", out string id, Tcp(published, target));
        Assert.True(result.ExitCode == 0, result.ToString());
        _shim.WaitFor(id, "running");

        string response = HttpGetOnceListening(published);

        Assert.StartsWith("HTTP/1.", response);
        Assert.Contains("hello-from-httpd", response);
    }

    [Fact]
    public void Eight_MiB_each_way_arrive_intact()
    {
        using var echo = new TcpEchoServer();
        string id = StartSleeping(Tcp(0, echo.Port));
        var data = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        using var socket = Connect(BoundPort(id));

        // Send on another thread while this one receives: the echo comes back as fast as it goes out.
        var sender = new Thread(() =>
        {
            socket.Send(data);
            socket.Shutdown(SocketShutdown.Send);
        });
        sender.Start();
        byte[] received = ReceiveToEnd(socket);
        sender.Join();

        Assert.Equal(data.Length + $"bye {data.Length}".Length, received.Length);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(received.AsSpan(0, data.Length)));
        Assert.Equal($"bye {data.Length}", Encoding.ASCII.GetString(received, data.Length, received.Length - data.Length));
    }

    [Fact]
    public void A_half_close_reaches_the_target_and_its_answer_still_comes_back()
    {
        using var echo = new TcpEchoServer();
        string id = StartSleeping(Tcp(0, echo.Port));
        using var socket = Connect(BoundPort(id));

        socket.Send("ping"u8);
        socket.Shutdown(SocketShutdown.Send); // the server answers only once it sees EOF

        Assert.Equal("pingbye 4", Encoding.ASCII.GetString(ReceiveToEnd(socket)));
    }

    [Fact]
    public void Udp_datagrams_go_to_the_target_and_its_replies_come_back_from_the_published_port()
    {
        using var echo = new UdpEchoServer();
        string id = StartSleeping(Udp(0, echo.Port));
        int published = BoundPort(id);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var buffer = new byte[1024];

        foreach (string message in new[] { "one", "two" })
        {
            client.SendTo(Encoding.ASCII.GetBytes(message), new IPEndPoint(IPAddress.Loopback, published));
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int read = client.ReceiveFrom(buffer, ref from);

            Assert.Equal($"echo:{message}", Encoding.ASCII.GetString(buffer, 0, read));
            Assert.Equal(new IPEndPoint(IPAddress.Loopback, published), from);
        }
    }

    [Fact]
    public void An_ephemeral_host_port_is_recorded_in_state_json_as_bound()
    {
        using var echo = new TcpEchoServer();
        string id = StartSleeping(Tcp(0, echo.Port), Udp(0, 9));

        var ports = _shim.State(id).PublishedPorts!;

        Assert.Equal(["tcp", "udp"], ports.Select(p => p.Protocol));
        Assert.All(ports, p => Assert.InRange(p.HostPort, 1, 65535));
        Assert.All(ports, p => Assert.Equal("127.0.0.1", p.HostIp));
        Assert.Equal(echo.Port, ports[0].TargetPort);
        using var socket = Connect(ports[0].HostPort);
        socket.Shutdown(SocketShutdown.Send);
        Assert.Equal("bye 0", Encoding.ASCII.GetString(ReceiveToEnd(socket)));
    }

    [Fact]
    public void A_port_in_use_fails_the_create_with_exit_code_6_and_leaves_nothing_behind()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        int taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        int free = FreePort();

        // The free port is bound first and must be released again when the second one fails.
        var result = Start("exec sleep 600", out string id, Tcp(free, 80), Tcp(taken, 80));

        Assert.Equal(SupervisorExitCodes.PortInUse, result.ExitCode);
        Assert.Contains($"port 127.0.0.1:{taken}/tcp is already in use", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_shim.Root, id)));
        Assert.Empty(Shim.CgroupDirectories(id));
        Assert.Empty(ProcessesMentioning(id));
        using var again = new TcpListener(IPAddress.Loopback, free);
        again.Start();
    }

    [Fact]
    public void The_published_port_closes_when_the_container_exits()
    {
        using var echo = new TcpEchoServer();
        string id = StartSleeping(Tcp(0, echo.Port));
        int published = BoundPort(id);
        using (var open = Connect(published)) { }

        Assert.Equal(0, _shim.Invoke("kill", id, "KILL").ExitCode);
        _shim.WaitFor(id, "stopped");

        var refused = Assert.Throws<SocketException>(() => Connect(published));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public void A_target_that_refuses_closes_the_clients_connection()
    {
        int closed = FreePort();
        string id = StartSleeping(Tcp(0, closed));
        using var socket = Connect(BoundPort(id));

        Assert.Empty(ReceiveToEnd(socket));
    }

    [Theory]
    [InlineData("[{\"protocol\":\"sctp\",\"hostPort\":1,\"targetPort\":1}]", "protocol 'sctp' is neither tcp nor udp")]
    [InlineData("[{\"hostIp\":\"::1\",\"hostPort\":1,\"targetPort\":1}]", "'::1' is not an IPv4 address")]
    [InlineData("[{\"hostPort\":1,\"targetIp\":\"127.0.0.1\",\"targetPort\":0}]", "target port 0 is out of range")]
    [InlineData("[{\"hostPort\":1,\"targetPort\":1}]", "'' is not an IPv4 address")]
    [InlineData("{}", "is not a JSON array of ports")]
    public void A_malformed_ports_annotation_is_refused_with_what_is_wrong(string json, string reason)
    {
        var error = Assert.Throws<ShimException>(() => Ports.PortSpec.FromAnnotations(new Dictionary<string, string> { [Annotations.PublishedPorts] = json }));

        Assert.True(error.Message.Contains(reason), error.Message);
    }

    /// <summary>A port nothing listens on now (the kernel's pick, released at once).</summary>
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// An HTTP/1.0 GET of / through the proxy. Until httpd listens, the proxy's connect to it is refused and the client
    /// sees an empty answer: ask again (a bounded wait for httpd, not a timing).
    /// </summary>
    private static string HttpGetOnceListening(int port)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            string answer;
            try
            {
                using var socket = Connect(port);
                socket.Send("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"u8);
                answer = Encoding.ASCII.GetString(ReceiveToEnd(socket));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                answer = ""; // the proxy closed on our unread request: httpd refused it
            }
            if (answer.Length > 0 || DateTime.UtcNow > deadline) return answer;
            Thread.Sleep(20);
        }
    }

    /// <summary>Processes whose command line holds <paramref name="text"/> (a supervisor names its container id).</summary>
    private static List<int> ProcessesMentioning(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out int pid) ? pid : 0, Dir: d))
            .Where(p => p.Pid > 0 && CommandLine(p.Dir).Contains(text, StringComparison.Ordinal))
            .Select(p => p.Pid).ToList();

    private static string CommandLine(string procDir)
    {
        try { return File.ReadAllText(Path.Combine(procDir, "cmdline")); }
        catch (IOException) { return ""; }
    }

    public void Dispose()
    {
        _shim.Dispose();
        _bundle.Dispose();
    }
}
