using System.Text;
using System.Text.Json.Nodes;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Tests.Registry;

public sealed class CredentialProviderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("containerps-dockercfg-").FullName;

    private string ConfigPath => Path.Combine(_dir, "config.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private void WriteConfig() => File.WriteAllText(ConfigPath, new JsonObject
    {
        ["auths"] = new JsonObject
        {
            [RegistryHost.DockerHubConfigKey] = new JsonObject { ["auth"] = Base64("hub-user:hub-pass") },
            ["registry.test:5000"] = new JsonObject { ["username"] = "u", ["password"] = "p" },
            ["https://other.test/v2/"] = new JsonObject { ["auth"] = Base64("o:pw:with:colons") },
            ["idp.test"] = new JsonObject { ["auth"] = Base64("token-user:"), ["identitytoken"] = "refresh" },
            ["empty.test"] = new JsonObject(),
        },
    }.ToJsonString());

    [Theory]
    [InlineData("docker.io", "hub-user", "hub-pass", false)]
    [InlineData("registry.test:5000", "u", "p", false)]
    [InlineData("REGISTRY.test:5000", "u", "p", false)]
    [InlineData("other.test", "o", "pw:with:colons", false)]
    [InlineData("idp.test", "token-user", "refresh", true)]
    public void Docker_config_entries_become_credentials(string host, string user, string secret, bool isIdentityToken)
    {
        WriteConfig();

        var credential = new DockerConfigCredentialProvider(ConfigPath).GetCredential(host.ToLowerInvariant());

        Assert.Equal(new RegistryCredential(user, secret, isIdentityToken), credential);
    }

    [Theory]
    [InlineData("unknown.test")]
    [InlineData("registry.test")]
    [InlineData("empty.test")]
    public void Hosts_without_an_entry_are_anonymous(string host)
    {
        WriteConfig();

        Assert.Null(new DockerConfigCredentialProvider(ConfigPath).GetCredential(host));
    }

    [Fact]
    public void A_missing_config_file_means_anonymous()
    {
        Assert.Null(new DockerConfigCredentialProvider(ConfigPath).GetCredential("registry.test"));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"auths":{"registry.test":{"auth":"***"}}}""")]
    [InlineData("""{"auths":{"registry.test":{"auth":"bm9jb2xvbg=="}}}""")]
    public void A_broken_config_file_is_DockerConfigInvalid(string content)
    {
        File.WriteAllText(ConfigPath, content);

        var error = Assert.Throws<ContainerPSException>(() => new DockerConfigCredentialProvider(ConfigPath).GetCredential("registry.test"));

        Assert.Equal("DockerConfigInvalid", error.ErrorId);
    }

    [Fact]
    public void DOCKER_CONFIG_names_the_directory_of_the_default_config()
    {
        var previous = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", _dir);
        try
        {
            Assert.Equal(ConfigPath, DockerConfigCredentialProvider.DefaultPath());
            Assert.Equal(ConfigPath, new DockerConfigCredentialProvider().ConfigPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", previous);
        }
    }

    [Fact]
    public void A_static_credential_answers_for_its_host_and_defers_to_the_fallback_for_others()
    {
        WriteConfig();
        var mine = new RegistryCredential("me", "pw");
        var provider = new StaticCredentialProvider("Mine.test:5000", mine, new DockerConfigCredentialProvider(ConfigPath));

        Assert.Equal(mine, provider.GetCredential("mine.test:5000"));
        Assert.Equal(new RegistryCredential("u", "p"), provider.GetCredential("registry.test:5000"));
        Assert.Null(provider.GetCredential("mine.test"));
        Assert.Null(new StaticCredentialProvider("mine.test", mine).GetCredential("other.test"));
    }

    [Fact]
    public void A_static_credential_for_docker_io_also_answers_to_its_config_key()
    {
        var mine = new RegistryCredential("me", "pw");

        Assert.Equal(mine, new StaticCredentialProvider(RegistryHost.DockerHubConfigKey, mine).GetCredential("docker.io"));
    }
}
