using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Tests.Registry;

public sealed class InsecureHostPolicyTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("registry.test:5000", true)]
    [InlineData("registry.test", false)]
    [InlineData("other.test:5000", false)]
    [InlineData("10.0.0.1:5000", false)]
    public void Loopback_and_listed_hosts_may_use_plain_HTTP(string host, bool insecure)
    {
        var policy = new InsecureHostPolicy(new RegistryOptions { InsecureHosts = ["Registry.test:5000"] });

        Assert.Equal(insecure, policy.IsInsecure(host));
    }

    [Theory]
    [InlineData("registry.test", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("other.test", false)]
    public void The_TLS_layer_knows_only_host_names(string host, bool insecure)
    {
        var policy = new InsecureHostPolicy(new RegistryOptions { InsecureHosts = ["registry.test:5000"] });

        Assert.Equal(insecure, policy.IsInsecureTlsHost(host));
    }

    [Fact]
    public void SkipTlsVerify_makes_every_host_insecure()
    {
        var policy = new InsecureHostPolicy(new RegistryOptions { SkipTlsVerify = true });

        Assert.True(policy.IsInsecure("registry.test"));
        Assert.True(policy.IsInsecureTlsHost("registry.test"));
    }

    [Fact]
    public void Docker_Hub_references_are_sent_to_its_API_host_and_others_to_their_own_domain()
    {
        Assert.NotEqual("docker.io", RegistryHost.ApiHostFor("docker.io"));
        Assert.Equal("registry.test:5000", RegistryHost.ApiHostFor("registry.test:5000"));
    }
}
