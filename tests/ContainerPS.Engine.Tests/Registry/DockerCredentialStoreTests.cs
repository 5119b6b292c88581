using System.Text.Json.Nodes;
using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Tests.Registry.Support;

namespace ContainerPS.Engine.Tests.Registry;

/// <summary>
/// Where DockerCredentialStore puts a credential, without a registry: the keys docker uses, and pass. In the registry
/// collection because a <see cref="PassStore"/> sets process-wide variables: the login tests' pass stores must not overlap.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class DockerCredentialStoreTests : IDisposable
{
    private static readonly RegistryCredential Alice = new("alice", "secret+/=");

    private readonly string _dir = Directory.CreateTempSubdirectory("containerps-credstore-").FullName;

    private string ConfigPath => Path.Combine(_dir, "config.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JsonObject Auths() => (JsonObject)JsonNode.Parse(File.ReadAllText(ConfigPath))!["auths"]!;

    [Fact]
    public void A_Docker_Hub_login_is_kept_under_its_v1_index_address_as_docker_keeps_it()
    {
        var store = new DockerCredentialStore(ConfigPath);

        Assert.Null(store.Store("docker.io", Alice));

        Assert.Equal([RegistryHost.DockerHubConfigKey], Auths().Select(e => e.Key));
        Assert.Equal(Alice, store.Get("docker.io"));
        Assert.True(store.Erase("docker.io"));
        Assert.Empty(Auths());
    }

    [Fact]
    public void A_Docker_Hub_login_through_pass_uses_the_same_server_URL()
    {
        using var pass = new PassStore();
        File.WriteAllText(ConfigPath, """{"credsStore":"pass"}""");
        var store = new DockerCredentialStore(ConfigPath);

        Assert.Equal("docker-credential-pass", store.Store("docker.io", Alice));

        Assert.Equal(Alice.Secret, pass.Secret(RegistryHost.DockerHubConfigKey, Alice.Username));
        Assert.Equal("{}", Auths()[RegistryHost.DockerHubConfigKey]!.ToJsonString());
        Assert.Equal(Alice, store.Get("docker.io"));
        Assert.True(store.Erase("docker.io"));
        Assert.Empty(pass.Entries());
        Assert.False(store.Erase("docker.io"));
    }

    [Fact]
    public void A_helper_that_is_not_installed_is_CredentialHelperNotFound_and_the_file_is_not_touched()
    {
        const string config = """{"credsStore":"containerps-absent"}""";
        File.WriteAllText(ConfigPath, config);
        var store = new DockerCredentialStore(ConfigPath);

        var error = Assert.Throws<Errors.ContainerPSException>(() => store.Store("127.0.0.1:5000", Alice));

        Assert.Equal("CredentialHelperNotFound", error.ErrorId);
        Assert.Equal(config, File.ReadAllText(ConfigPath));
    }
}
