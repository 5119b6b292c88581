using System.Text;
using System.Text.Json.Nodes;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Tests.Registry.Support;
using static ContainerPS.Engine.Tests.Registry.Support.RegistryFixture;

namespace ContainerPS.Engine.Tests.Registry;

[Collection(RegistryCollection.Name)]
public sealed class AuthenticationTests(RegistryFixture registry)
{
    private const long OneMiB = 1024 * 1024;

    private static RegistryCredential Alice => new(TokenIssuer.User, TokenIssuer.Password);

    public static TheoryData<string?, string?> RefusedBasicCredentials => new()
    {
        { null, null },
        { TokenIssuer.User, "wrong" },
        { "mallory", TokenIssuer.Password },
    };

    [Theory]
    [MemberData(nameof(RefusedBasicCredentials))]
    public async Task A_Basic_auth_registry_refuses_missing_or_wrong_credentials_with_RegistryUnauthorized(string? user, string? password)
    {
        using var client = Client(user is null ? null : new StaticCredentialProvider(registry.Basic.Host, new RegistryCredential(user, password!)));

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(registry.Basic.Host, $"{Repository}:v1"), CancellationToken.None));

        Assert.Equal("RegistryUnauthorized", error.ErrorId);
        Assert.Equal(ErrorKind.Unauthenticated, error.Kind);
    }

    [Fact]
    public async Task A_Basic_auth_registry_serves_manifests_blobs_and_tags_with_the_right_credentials()
    {
        using var client = Client(new StaticCredentialProvider(registry.Basic.Host, Alice));
        var reference = Ref(registry.Basic.Host, $"{Repository}:v1");

        var manifest = await client.GetManifestAsync(reference, CancellationToken.None);
        var config = await client.GetBlobAsync(reference, registry.Image.ConfigDescriptor, OneMiB, CancellationToken.None);
        var tags = await client.ListTagsAsync(reference, CancellationToken.None);

        Assert.Equal(registry.Image.Manifest, manifest.Content);
        Assert.Equal(registry.Image.Config, config);
        Assert.Contains("v1", tags);
    }

    [Fact]
    public async Task An_anonymous_pull_from_a_token_registry_asks_the_realm_once_for_the_repository_pull_scope()
    {
        const string repository = "tok/a";
        using var client = Client();
        var reference = Ref(registry.Token.Host, $"{repository}:v1");

        var manifest = await client.GetManifestAsync(reference, CancellationToken.None);
        var config = await client.GetBlobAsync(reference, registry.Image.ConfigDescriptor, OneMiB, CancellationToken.None);
        await using (var layer = await client.OpenBlobAsync(reference, registry.Image.LayerDescriptor, 0, CancellationToken.None))
            await layer.CopyToAsync(Stream.Null);
        var tags = await client.ListTagsAsync(reference, CancellationToken.None);

        Assert.Equal(registry.Image.Manifest, manifest.Content);
        Assert.Equal(registry.Image.Config, config);
        Assert.Equal(["v1"], tags);
        var request = Assert.Single(registry.Issuer.RequestsFor(repository));
        var parameters = TokenIssuer.Parameters(request);
        Assert.Equal(TokenIssuer.Service, parameters["service"]);
        Assert.Equal($"repository:{repository}:pull", parameters["scope"]);
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task Tokens_are_cached_per_repository()
    {
        using var client = Client();

        foreach (var repository in new[] { "tok/b", "tok/c", "tok/b", "tok/c" })
            await client.GetManifestAsync(Ref(registry.Token.Host, $"{repository}:v1"), CancellationToken.None);

        Assert.Single(registry.Issuer.RequestsFor("tok/b"));
        Assert.Single(registry.Issuer.RequestsFor("tok/c"));
    }

    [Fact]
    public async Task Credentials_go_to_the_token_realm_and_only_the_token_goes_to_the_registry()
    {
        await using var proxy = new FaultProxy(registry.Token.BaseUri);
        using var client = Client(new StaticCredentialProvider(proxy.Host, Alice));

        await client.GetManifestAsync(Ref(proxy.Host, "tok/d:v1"), CancellationToken.None);

        var tokenRequest = Assert.Single(registry.Issuer.RequestsFor("tok/d"));
        Assert.Equal(BasicHeader(TokenIssuer.User, TokenIssuer.Password), tokenRequest.Header("Authorization"));
        var manifestRequest = Assert.Single(proxy.RequestsFor("/manifests/"));
        Assert.StartsWith("Bearer ", manifestRequest.Header("Authorization"));
    }

    [Fact]
    public async Task An_identity_token_from_the_Docker_config_is_exchanged_with_the_refresh_token_grant()
    {
        var configDir = Directory.CreateTempSubdirectory("containerps-dockercfg-").FullName;
        try
        {
            var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TokenIssuer.User}:"));
            var entry = new JsonObject { ["auth"] = auth, ["identitytoken"] = TokenIssuer.RefreshToken };
            var config = new JsonObject { ["auths"] = new JsonObject { [registry.Token.Host] = entry } };
            await File.WriteAllTextAsync(Path.Combine(configDir, "config.json"), config.ToJsonString());
            using var client = Client(new DockerConfigCredentialProvider(Path.Combine(configDir, "config.json")));

            var manifest = await client.GetManifestAsync(Ref(registry.Token.Host, "tok/e:v1"), CancellationToken.None);

            Assert.Equal(registry.Image.Manifest, manifest.Content);
            var request = Assert.Single(registry.Issuer.RequestsFor("tok/e"));
            Assert.Equal("POST", request.Method);
            Assert.Equal("refresh_token", TokenIssuer.Parameters(request)["grant_type"]);
            Assert.Equal(TokenIssuer.RefreshToken, TokenIssuer.Parameters(request)["refresh_token"]);
        }
        finally
        {
            Directory.Delete(configDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_token_server_that_refuses_the_credentials_is_RegistryUnauthorized()
    {
        using var client = Client(new StaticCredentialProvider(registry.Token.Host, new RegistryCredential(TokenIssuer.User, "wrong")));

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(registry.Token.Host, "tok/refused:v1"), CancellationToken.None));

        Assert.Equal("RegistryUnauthorized", error.ErrorId);
    }

    [Fact]
    public async Task A_token_the_registry_refuses_is_fetched_afresh_once_and_then_RegistryUnauthorized()
    {
        const string repository = "tok/revoked";
        var challenge = $"Bearer realm=\"{registry.Issuer.Realm}\",service=\"{TokenIssuer.Service}\",scope=\"repository:{repository}:pull\"";
        await using var proxy = new FaultProxy(registry.Token.BaseUri).On("/manifests/", -1, (_, _) =>
            Task.FromResult(TestHttpResponse.Text(401, """{"errors":[{"code":"UNAUTHORIZED","message":"revoked"}]}""").With("WWW-Authenticate", challenge)));
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.GetManifestAsync(Ref(proxy.Host, $"{repository}:v1"), CancellationToken.None));

        Assert.Equal("RegistryUnauthorized", error.ErrorId);
        Assert.Equal(2, registry.Issuer.RequestsFor(repository).Count);
        Assert.All(proxy.RequestsFor("/manifests/"), r => Assert.StartsWith("Bearer ", r.Header("Authorization")));
    }

    [Fact]
    public async Task A_blob_redirect_to_another_host_is_followed_without_the_credentials()
    {
        await using var elsewhere = new FaultProxy(registry.Anonymous.BaseUri, "127.0.0.2");
        await using var front = new FaultProxy(registry.Basic.BaseUri).RedirectTo("/blobs/", -1, elsewhere.BaseUri);
        using var client = Client(new StaticCredentialProvider(front.Host, Alice));

        var config = await client.GetBlobAsync(Ref(front.Host, Repository), registry.Image.ConfigDescriptor, OneMiB, CancellationToken.None);

        Assert.Equal(registry.Image.Config, config);
        Assert.Equal(BasicHeader(TokenIssuer.User, TokenIssuer.Password), Assert.Single(front.RequestsFor("/blobs/")).Header("Authorization"));
        Assert.Null(Assert.Single(elsewhere.RequestsFor("/blobs/")).Header("Authorization"));
    }

    [Fact]
    public async Task A_redirect_to_another_host_that_answers_401_never_sees_the_credentials()
    {
        await using var elsewhere = new FaultProxy(registry.Basic.BaseUri, "127.0.0.2");
        await using var front = new FaultProxy(registry.Basic.BaseUri).RedirectTo("/blobs/", -1, elsewhere.BaseUri);
        using var client = Client(new StaticCredentialProvider(front.Host, Alice));

        var error = await Assert.ThrowsAsync<ContainerPSException>(() =>
            client.GetBlobAsync(Ref(front.Host, Repository), registry.Image.ConfigDescriptor, OneMiB, CancellationToken.None));

        Assert.Equal("RegistryUnauthorized", error.ErrorId);
        Assert.NotEmpty(elsewhere.Requests);
        Assert.All(elsewhere.Requests, request => Assert.Null(request.Header("Authorization")));
    }

    [Fact]
    public async Task More_than_ten_redirects_are_TooManyRedirects()
    {
        await using var loop = new FaultProxy(registry.Anonymous.BaseUri);
        loop.RedirectTo("/blobs/", -1, loop.BaseUri);
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() =>
            client.GetBlobAsync(Ref(loop.Host, Repository), registry.Image.ConfigDescriptor, OneMiB, CancellationToken.None));

        Assert.Equal("TooManyRedirects", error.ErrorId);
        Assert.Equal(11, loop.RequestsFor("/blobs/").Count);
    }

    private static string BasicHeader(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}
