using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>
/// A minimal HTTP/1.1 server on a loopback address, one request per connection (Connection: close), written for
/// tests that need exact control over what goes on the wire: truncated bodies, arbitrary headers, redirects.
/// It closes TLS handshakes at once, as a plain-HTTP server would fail them.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly TcpListener _listener;
    private readonly Func<TestHttpRequest, Task<TestHttpResponse>> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public LoopbackHttpServer(Func<TestHttpRequest, Task<TestHttpResponse>> handler, string address = "127.0.0.1")
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Parse(address), 0);
        _listener.Start();
        Host = $"{address}:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary><c>address:port</c>, as an image reference's domain.</summary>
    public string Host { get; }

    public Uri BaseUri => new($"http://{Host}/");

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                if (request is null) return;
                var response = await _handler(request);
                if (!response.Abort) await WriteResponseAsync(stream, response);
            }
            catch (IOException)
            {
                // The client went away; nothing to answer.
            }
        }
    }

    private static async Task<TestHttpRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one) == 0 || head.Count > MaxHeaderBytes) return null;
            if (head.Count == 0 && one[0] == 0x16) return null; // a TLS ClientHello: not spoken here
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
        await stream.ReadExactlyAsync(body);
        return new TestHttpRequest(requestLine[0], requestLine[1], headers, body);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    private static async Task WriteResponseAsync(NetworkStream stream, TestHttpResponse response)
    {
        var head = new StringBuilder($"HTTP/1.1 {response.Status} {ReasonOf(response.Status)}\r\n");
        foreach (var (name, value) in response.Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (!response.OmitContentLength) head.Append("Content-Length: ").Append(response.Body.Length).Append("\r\n");
        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(response.Body.AsMemory(0, Math.Min(response.SendBytes ?? int.MaxValue, response.Body.Length)));
        await stream.FlushAsync();
    }

    private static string ReasonOf(int status) => status switch
    {
        200 => "OK", 206 => "Partial Content", 307 => "Temporary Redirect", 401 => "Unauthorized",
        404 => "Not Found", 429 => "Too Many Requests", 503 => "Service Unavailable", _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
