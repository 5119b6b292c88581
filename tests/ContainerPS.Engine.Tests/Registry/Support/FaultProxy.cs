using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace ContainerPS.Engine.Tests.Registry.Support;

/// <summary>
/// A loopback HTTP proxy in front of a real registry that injects faults by rule: error statuses, cut or corrupted
/// bodies, ignored ranges, redirects; it records every request it sees (with its Authorization and Range headers).
/// It can also page tag lists (<see cref="PageTags"/>), which distribution 2.8 does not do, so that the client's
/// Link-header pagination meets real registry data.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    /// <summary>Answers a request, given a way to forward it (or a changed copy) to the registry.</summary>
    public delegate Task<TestHttpResponse> Handler(TestHttpRequest request, Func<TestHttpRequest, Task<TestHttpResponse>> forward);

    private sealed class Rule(string pathContains, int times, Handler handler)
    {
        private readonly bool _always = times < 0;
        private int _remaining = times;

        public Handler Handler => handler;

        public bool TryTake(TestHttpRequest request) =>
            request.Target.Contains(pathContains, StringComparison.Ordinal) && (_always || Interlocked.Decrement(ref _remaining) >= 0);
    }

    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Host", "Connection", "Content-Length", "Transfer-Encoding", "Keep-Alive" };

    private readonly Uri _upstream;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None });
    private readonly ConcurrentQueue<Rule> _rules = new();
    private readonly LoopbackHttpServer _server;

    public FaultProxy(Uri upstream, string address = "127.0.0.1")
    {
        _upstream = upstream;
        _server = new LoopbackHttpServer(HandleAsync, address);
    }

    public string Host => _server.Host;

    public Uri BaseUri => _server.BaseUri;

    public ConcurrentQueue<TestHttpRequest> Requests { get; } = new();

    public bool PageTags { get; set; }

    /// <summary>Handles the next <paramref name="times"/> requests whose target contains <paramref name="pathContains"/> (-1: all).</summary>
    public FaultProxy On(string pathContains, int times, Handler handler)
    {
        _rules.Enqueue(new Rule(pathContains, times, handler));
        return this;
    }

    public FaultProxy Fail(string pathContains, int times, int status, string? retryAfter = null) =>
        On(pathContains, times, (_, _) =>
        {
            var response = TestHttpResponse.Text(status, """{"errors":[{"code":"UNAVAILABLE","message":"injected"}]}""");
            return Task.FromResult(retryAfter is null ? response : response.With("Retry-After", retryAfter));
        });

    public FaultProxy Change(string pathContains, int times, Func<TestHttpResponse, TestHttpResponse> change) =>
        On(pathContains, times, async (request, forward) => change(await forward(request)));

    public FaultProxy RedirectTo(string pathContains, int times, Uri target) =>
        On(pathContains, times, (request, _) =>
            Task.FromResult(TestHttpResponse.Text(307, "").With("Location", new Uri(target, request.Target).ToString())));

    public IReadOnlyList<TestHttpRequest> RequestsFor(string pathContains) =>
        Requests.Where(r => r.Target.Contains(pathContains, StringComparison.Ordinal)).ToList();

    private Task<TestHttpResponse> HandleAsync(TestHttpRequest request)
    {
        Requests.Enqueue(request);
        var rule = _rules.FirstOrDefault(r => r.TryTake(request));
        if (rule is not null) return rule.Handler(request, ForwardAsync);
        if (PageTags && request.Path.EndsWith("/tags/list", StringComparison.Ordinal)) return PageOfTagsAsync(request);
        return ForwardAsync(request);
    }

    public async Task<TestHttpResponse> ForwardAsync(TestHttpRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_upstream, request.Target));
        if (request.Body.Length > 0) message.Content = new ByteArrayContent(request.Body);
        foreach (var (name, value) in request.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await _http.SendAsync(message);
        var result = new TestHttpResponse((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopHeaders.Contains(h.Key)))
        {
            foreach (var value in values) result.Headers.Add(new(name, name.Equals("Location", StringComparison.OrdinalIgnoreCase) ? Proxied(value) : value));
        }
        return result;
    }

    /// <summary>An upload's Location names the registry itself; pointed back at the proxy, the next request comes through here too.</summary>
    private string Proxied(string location)
    {
        var upstream = _upstream.GetLeftPart(UriPartial.Authority);
        return location.StartsWith(upstream, StringComparison.OrdinalIgnoreCase) ? BaseUri.GetLeftPart(UriPartial.Authority) + location[upstream.Length..] : location;
    }

    private async Task<TestHttpResponse> PageOfTagsAsync(TestHttpRequest request)
    {
        var query = HttpUtility.ParseQueryString(request.Target.Contains('?') ? request.Target[(request.Target.IndexOf('?') + 1)..] : "");
        var all = await ForwardAsync(request with { Target = request.Path });
        if (all.Status != 200) return all;
        var list = JsonNode.Parse(all.Body)!;
        var tags = list["tags"]!.AsArray().Select(t => (string)t!).Order(StringComparer.Ordinal).ToList();
        var size = int.Parse(query["n"] ?? "1000");
        var after = tags.Where(t => query["last"] is not { } last || string.CompareOrdinal(t, last) > 0).ToList();
        var page = after.Take(size).ToList();
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["name"] = (string)list["name"]!, ["tags"] = new JsonArray(page.Select(t => (JsonNode)t!).ToArray()) });
        var response = new TestHttpResponse(200, body).With("Content-Type", "application/json");
        return after.Count > page.Count ? response.With("Link", $"<{request.Path}?n={size}&last={page[^1]}>; rel=\"next\"") : response;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }
}
