using System.Net;
using System.Net.Sockets;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Tests.Registry.Support;
using static ContainerPS.Engine.Tests.Registry.Support.RegistryFixture;

namespace ContainerPS.Engine.Tests.Registry;

[Collection(RegistryCollection.Name)]
public sealed class TagAndRetryTests(RegistryFixture registry)
{
    [Fact]
    public async Task Tags_are_listed_from_the_registry()
    {
        using var client = Client();

        var tags = await client.ListTagsAsync(Ref(registry.Anonymous.Host, Repository), CancellationToken.None);

        Assert.Equal(AppTags.Order(), tags.Order());
    }

    [Fact]
    public async Task Tags_are_listed_page_by_page_following_the_Link_header()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri) { PageTags = true };
        using var client = Client(tagPageSize: 2);

        var tags = await client.ListTagsAsync(Ref(proxy.Host, Repository), CancellationToken.None);

        Assert.Equal(AppTags.Order(StringComparer.Ordinal), tags);
        Assert.Equal(4, proxy.RequestsFor("/tags/list").Count);
        Assert.All(proxy.RequestsFor("/tags/list"), r => Assert.Contains("n=2", r.Target));
    }

    [Fact]
    public async Task Tags_of_an_unknown_repository_are_ImageNotFound()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.ListTagsAsync(Ref(registry.Anonymous.Host, "no/such"), CancellationToken.None));

        Assert.Equal("ImageNotFound", error.ErrorId);
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_refused()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Change("/tags/list", -1, response =>
            response.With("Link", "<http://127.0.0.9:1/v2/test/app/tags/list?last=t1>; rel=\"next\""));
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.ListTagsAsync(Ref(proxy.Host, Repository), CancellationToken.None));

        Assert.Equal("UnexpectedRegistryResponse", error.ErrorId);
    }

    [Theory]
    [InlineData(503, null)]
    [InlineData(502, null)]
    [InlineData(429, "0")]
    [InlineData(429, null)]
    public async Task Transient_statuses_are_retried_until_the_registry_answers(int status, string? retryAfter)
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Fail("/manifests/", 2, status, retryAfter);
        using var client = Client();

        var manifest = await client.GetManifestAsync(Ref(proxy.Host, $"{Repository}:v1"), CancellationToken.None);

        Assert.Equal(registry.Image.Manifest, manifest.Content);
        Assert.Equal(3, proxy.RequestsFor("/manifests/").Count);
    }

    [Theory]
    [InlineData(503, "RegistryUnavailable")]
    [InlineData(429, "RegistryRateLimited")]
    public async Task A_registry_that_stays_unwell_fails_after_the_retries(int status, string errorId)
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Fail("/manifests/", -1, status);
        using var client = Client(maxRetries: 2);

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(proxy.Host, $"{Repository}:v1"), CancellationToken.None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal(3, proxy.RequestsFor("/manifests/").Count);
    }

    [Theory]
    [InlineData(403, "", "RegistryDenied")]
    [InlineData(401, "", "RegistryUnauthorized")]
    [InlineData(400, """{"errors":[{"code":"TAG_INVALID","message":"bad tag"}]}""", "ImageNotFound")]
    [InlineData(400, """{"errors":[{"code":"DENIED","message":"no"}]}""", "RegistryDenied")]
    [InlineData(418, "not json at all", "UnexpectedRegistryResponse")]
    public async Task Failed_answers_become_the_matching_error(int status, string body, string errorId)
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).On("/manifests/", -1, (_, _) =>
            Task.FromResult(TestHttpResponse.Text(status, body).With("Content-Type", "application/json")));
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(proxy.Host, $"{Repository}:v1"), CancellationToken.None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Single(proxy.RequestsFor("/manifests/"));
    }

    [Fact]
    public async Task A_manifest_body_cut_off_by_a_dropped_connection_is_fetched_again()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).On("/manifests/", 1, (_, _) =>
            Task.FromResult(new TestHttpResponse(200, new byte[10]) { SendBytes = 0 }));
        using var client = Client();

        var manifest = await client.GetManifestAsync(Ref(proxy.Host, $"{Repository}:v1"), CancellationToken.None);

        Assert.Equal(registry.Image.Manifest, manifest.Content);
    }

    [Fact]
    public async Task A_registry_nobody_listens_for_is_RegistryUnavailable_naming_the_host()
    {
        var host = $"127.0.0.1:{UnusedPort()}";
        using var client = Client(maxRetries: 2);

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(host, $"{Repository}:v1"), CancellationToken.None));

        Assert.Equal("RegistryUnavailable", error.ErrorId);
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal(host, error.Target);
        Assert.IsAssignableFrom<HttpRequestException>(error.InnerException);
    }

    private static int UnusedPort()
    {
        // Bound but never listening: connections are refused, and no other test can take the port meanwhile.
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        HeldSockets.Add(socket);
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static readonly List<Socket> HeldSockets = [];
}
