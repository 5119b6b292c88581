using System.Text;
using System.Text.Json.Nodes;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Tests.Registry.Support;
using static ContainerPS.Engine.Tests.Registry.Support.RegistryFixture;

namespace ContainerPS.Engine.Tests.Registry;

/// <summary>
/// docker login and logout against the real registry with htpasswd (Basic) and token auth, storing into a
/// throwaway config.json, and through the real docker-credential-pass.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class RegistryLoginTests(RegistryFixture registry) : IDisposable
{
    private static readonly RegistryCredential Alice = new(TokenIssuer.User, TokenIssuer.Password);
    private static readonly RegistryCredential WrongPassword = new(TokenIssuer.User, "wrong");
    private const string OtherKeys = """{"auths":{"other.test":{"auth":"bzpw"}},"psFormat":"x"}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("containerps-login-").FullName;

    private string ConfigPath => Path.Combine(_dir, "config.json");

    private RegistryLoginService Login => new(new DockerCredentialStore(ConfigPath));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private JsonNode? AuthEntry(string host) => JsonNode.Parse(File.ReadAllText(ConfigPath))!["auths"]![host];

    private async Task<byte[]> PullManifestWithStoredCredentialsAsync(string host)
    {
        using var client = Client(new DockerConfigCredentialProvider(ConfigPath));
        return (await client.GetManifestAsync(Ref(host, $"{Repository}:v1"), CancellationToken.None)).Content;
    }

    [Fact]
    public async Task A_Basic_login_is_checked_then_stored_as_docker_stores_it_and_a_pull_uses_it()
    {
        File.WriteAllText(ConfigPath, OtherKeys);

        var login = await Login.ConnectAsync(registry.Basic.Host, Alice, skipTlsVerify: false, CancellationToken.None);

        Assert.Equal(new RegistryLoginInfo(registry.Basic.Host, Alice.Username, ConfigPath, null), login);
        Assert.Equal(Base64($"{Alice.Username}:{Alice.Secret}"), (string?)AuthEntry(registry.Basic.Host)!["auth"]);
        Assert.Equal("bzpw", (string?)AuthEntry("other.test")!["auth"]);
        Assert.Equal(registry.Image.Manifest, await PullManifestWithStoredCredentialsAsync(registry.Basic.Host));
    }

    [Fact]
    public async Task A_wrong_password_is_RegistryUnauthorized_and_the_file_is_not_touched()
    {
        File.WriteAllText(ConfigPath, OtherKeys);

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => Login.ConnectAsync(registry.Basic.Host, WrongPassword, false, CancellationToken.None));

        Assert.Equal("RegistryUnauthorized", error.ErrorId);
        Assert.Equal(ErrorKind.Unauthenticated, error.Kind);
        Assert.Equal(OtherKeys, File.ReadAllText(ConfigPath));
        Assert.Equal(["config.json"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_config_json_that_cannot_be_read_is_DockerConfigInvalid_before_the_registry_is_asked()
    {
        File.WriteAllText(ConfigPath, "{ broken");

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => Login.ConnectAsync($"127.0.0.1:{RegistryServer.FreePort()}", Alice, false, CancellationToken.None));

        Assert.Equal("DockerConfigInvalid", error.ErrorId);
        Assert.Equal("{ broken", File.ReadAllText(ConfigPath));
    }

    [Fact]
    public async Task A_token_login_asks_the_realm_with_the_credential_and_no_scope()
    {
        var before = registry.Issuer.Requests.Count;

        await Login.ConnectAsync(registry.Token.Host, Alice, false, CancellationToken.None);

        var request = Assert.Single(registry.Issuer.Requests.Skip(before));
        Assert.Null(TokenIssuer.ScopeOf(request));
        Assert.Equal("Basic " + Base64($"{Alice.Username}:{Alice.Secret}"), request.Header("Authorization"));
        Assert.Equal(Base64($"{Alice.Username}:{Alice.Secret}"), (string?)AuthEntry(registry.Token.Host)!["auth"]);
    }

    [Fact]
    public async Task A_token_login_the_realm_refuses_is_RegistryUnauthorized_and_nothing_is_written()
    {
        var error = await Assert.ThrowsAsync<ContainerPSException>(() => Login.ConnectAsync(registry.Token.Host, WrongPassword, false, CancellationToken.None));

        Assert.Equal("RegistryUnauthorized", error.ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public async Task An_unreachable_registry_is_RegistryUnavailable_and_nothing_is_written()
    {
        var host = $"127.0.0.1:{RegistryServer.FreePort()}";

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => Login.ConnectAsync(host, Alice, false, CancellationToken.None));

        Assert.Equal("RegistryUnavailable", error.ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public async Task A_logout_erases_the_entry_and_keeps_the_others()
    {
        File.WriteAllText(ConfigPath, OtherKeys);
        await Login.ConnectAsync(registry.Basic.Host, Alice, false, CancellationToken.None);

        Assert.True(Login.Disconnect(registry.Basic.Host));

        Assert.Null(AuthEntry(registry.Basic.Host));
        Assert.Equal("bzpw", (string?)AuthEntry("other.test")!["auth"]);
        Assert.False(Login.Disconnect(registry.Basic.Host));
        var error = await Assert.ThrowsAsync<ContainerPSException>(() => PullManifestWithStoredCredentialsAsync(registry.Basic.Host));
        Assert.Equal("RegistryUnauthorized", error.ErrorId);
    }

    [Theory]
    [InlineData("""{"credsStore":"pass"}""")]
    [InlineData("""{"credsStore":"absent-helper","credHelpers":{"HOST":"pass"}}""")]
    public async Task With_a_credential_helper_the_secret_goes_to_pass_and_config_json_only_names_the_host(string config)
    {
        using var pass = new PassStore();
        File.WriteAllText(ConfigPath, config.Replace("HOST", registry.Basic.Host));

        var login = await Login.ConnectAsync(registry.Basic.Host, Alice, false, CancellationToken.None);

        Assert.Equal("docker-credential-pass", login.CredentialHelper);
        Assert.Equal(Alice.Secret, pass.Secret(registry.Basic.Host, Alice.Username));
        Assert.Equal("{}", AuthEntry(registry.Basic.Host)!.ToJsonString());
        Assert.DoesNotContain(Alice.Secret, File.ReadAllText(ConfigPath));
        Assert.Equal(registry.Image.Manifest, await PullManifestWithStoredCredentialsAsync(registry.Basic.Host));

        Assert.True(Login.Disconnect(registry.Basic.Host));

        Assert.Empty(pass.Entries());
        Assert.Null(AuthEntry(registry.Basic.Host));
    }

    [Fact]
    public void A_helper_credential_wins_over_auths_and_auths_answers_what_the_helper_lacks()
    {
        using var pass = new PassStore();
        File.WriteAllText(ConfigPath, new JsonObject
        {
            ["credsStore"] = "pass",
            ["auths"] = new JsonObject { [registry.Basic.Host] = new JsonObject { ["auth"] = Base64("alice:stale") } },
        }.ToJsonString());
        var provider = new DockerConfigCredentialProvider(ConfigPath);

        Assert.Equal(new RegistryCredential("alice", "stale"), provider.GetCredential(registry.Basic.Host));
        new CredentialHelper("docker-credential-pass").Store(registry.Basic.Host, Alice);

        Assert.Equal(Alice, provider.GetCredential(registry.Basic.Host));
    }

    [Theory]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("HTTPS://Registry.Test:5000/v2/", "registry.test:5000")]
    [InlineData("index.docker.io", "docker.io")]
    [InlineData("[::1]:5000", "[::1]:5000")]
    public void A_registry_is_named_by_its_lowercase_host_and_port(string given, string domain)
    {
        Assert.Equal(domain, RegistryLoginService.DomainOf(given));
    }

    [Theory]
    [InlineData("")]
    [InlineData("user@host")]
    [InlineData("host name")]
    [InlineData("host?x")]
    public void A_registry_that_is_not_a_host_is_InvalidRegistry(string given)
    {
        Assert.Equal("InvalidRegistry", Assert.Throws<ContainerPSException>(() => RegistryLoginService.DomainOf(given)).ErrorId);
    }
}
