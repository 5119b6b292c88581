using System.Text;
using System.Text.Json.Nodes;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Tests.Registry;

public sealed class DockerConfigFileTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _dir = Directory.CreateTempSubdirectory("containerps-dockercfg-").FullName;

    private string ConfigPath => Path.Combine(_dir, "config.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static readonly RegistryCredential Alice = new("alice", "pa:ss wörd");

    // What docker, podman or a user may have put there: every key must survive a login and a logout.
    private const string OthersConfig = """
        {
          "auths": { "other.test:5000": { "auth": "b3RoZXI6cHc=", "email": "o@other.test" } },
          "credHelpers": { "helped.test": "secretservice" },
          "psFormat": "table {{.ID}}",
          "proxies": { "default": { "httpProxy": "http://127.0.0.1:3128" } },
          "experimental": "enabled",
          "aliases": { "builder": "buildx" }
        }
        """;

    private JsonObject ReadConfig() => (JsonObject)JsonNode.Parse(File.ReadAllText(ConfigPath))!;

    private static void AssertOthersKept(JsonObject config)
    {
        var original = (JsonObject)JsonNode.Parse(OthersConfig)!;
        foreach (var (key, value) in original)
        {
            if (key == "auths") continue;
            Assert.True(JsonNode.DeepEquals(value, config[key]), $"{key} changed: {config[key]?.ToJsonString()}");
        }
        Assert.True(JsonNode.DeepEquals(original["auths"]!["other.test:5000"], config["auths"]!["other.test:5000"]));
    }

    [Fact]
    public void A_login_adds_its_auth_entry_and_keeps_every_other_key()
    {
        File.WriteAllText(ConfigPath, OthersConfig);

        var config = DockerConfigFile.Load(ConfigPath);
        config.SetAuth("127.0.0.1:5000", Alice);
        config.Save();

        var written = ReadConfig();
        AssertOthersKept(written);
        Assert.Equal(Base64("alice:pa:ss wörd"), (string?)written["auths"]!["127.0.0.1:5000"]!["auth"]);
        Assert.Single(((JsonObject)written["auths"]!["127.0.0.1:5000"]!));
        Assert.Equal(Alice, DockerConfigFile.Load(ConfigPath).CredentialFor("127.0.0.1:5000"));
    }

    [Fact]
    public void A_helper_login_writes_an_empty_entry_as_docker_does()
    {
        var config = DockerConfigFile.Load(ConfigPath);
        config.SetAuth("127.0.0.1:5000", credential: null);
        config.Save();

        Assert.Equal("""{"auths":{"127.0.0.1:5000":{}}}""", ReadConfig().ToJsonString());
        Assert.Null(DockerConfigFile.Load(ConfigPath).CredentialFor("127.0.0.1:5000"));
    }

    [Fact]
    public void A_logout_removes_every_spelling_of_the_host_and_keeps_the_rest()
    {
        var others = (JsonObject)JsonNode.Parse(OthersConfig)!;
        others["auths"]!["https://127.0.0.1:5000/v2/"] = new JsonObject { ["auth"] = Base64("a:b") };
        others["auths"]!["127.0.0.1:5000"] = new JsonObject { ["auth"] = Base64("a:b") };
        File.WriteAllText(ConfigPath, others.ToJsonString());

        var config = DockerConfigFile.Load(ConfigPath);
        Assert.True(config.RemoveAuth("127.0.0.1:5000"));
        config.Save();

        var written = ReadConfig();
        AssertOthersKept(written);
        Assert.Equal(["other.test:5000"], ((JsonObject)written["auths"]!).Select(e => e.Key));
        Assert.False(DockerConfigFile.Load(ConfigPath).RemoveAuth("127.0.0.1:5000"));
    }

    [Fact]
    public void Saving_creates_the_directory_0700_and_the_file_0600_with_no_temp_file_left()
    {
        var path = Path.Combine(_dir, "new", "config.json");

        var config = DockerConfigFile.Load(path);
        config.SetAuth("127.0.0.1:5000", Alice);
        config.Save();

        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(["config.json"], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Saving_replaces_a_world_readable_file_with_a_0600_one()
    {
        File.WriteAllText(ConfigPath, OthersConfig);
        File.SetUnixFileMode(ConfigPath, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var config = DockerConfigFile.Load(ConfigPath);
        config.SetAuth("127.0.0.1:5000", Alice);
        config.Save();

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(ConfigPath));
        Assert.Equal(["config.json"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
        Assert.Equal(Alice, DockerConfigFile.Load(ConfigPath).CredentialFor("127.0.0.1:5000"));
    }

    [Fact]
    public void A_symlinked_config_is_written_through_the_link()
    {
        var real = Path.Combine(_dir, "real.json");
        File.WriteAllText(real, OthersConfig);
        File.CreateSymbolicLink(ConfigPath, real);

        var config = DockerConfigFile.Load(ConfigPath);
        config.SetAuth("127.0.0.1:5000", Alice);
        config.Save();

        Assert.NotNull(new FileInfo(ConfigPath).LinkTarget);
        Assert.Equal(Alice, DockerConfigFile.Load(real).CredentialFor("127.0.0.1:5000"));
    }

    [Fact]
    public void The_helper_is_the_hosts_credHelpers_entry_else_credsStore()
    {
        File.WriteAllText(ConfigPath, """{"credsStore":"pass","credHelpers":{"https://helped.test/v1/":"secretservice","blank.test":""}}""");

        var config = DockerConfigFile.Load(ConfigPath);

        Assert.Equal("secretservice", config.HelperFor("helped.test"));
        Assert.Equal("pass", config.HelperFor("other.test"));
        Assert.Equal("pass", config.HelperFor("blank.test"));
        Assert.Null(DockerConfigFile.Load(Path.Combine(_dir, "absent.json")).HelperFor("other.test"));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{ \"auths\": ")]
    public void A_file_that_is_not_a_JSON_object_is_DockerConfigInvalid_and_left_alone(string content)
    {
        File.WriteAllText(ConfigPath, content);

        var error = Assert.Throws<ContainerPSException>(() => DockerConfigFile.Load(ConfigPath));

        Assert.Equal("DockerConfigInvalid", error.ErrorId);
        Assert.Equal(content, File.ReadAllText(ConfigPath));
    }
}
