using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Tests.Registry;

public sealed class TokenRealmValidatorTests
{
    [Theory]
    [InlineData("https://registry.test/", "https://auth.test/token")]
    [InlineData("https://registry.test/", "https://10.1.2.3/token")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:6000/token")]
    [InlineData("http://registry.test:5000/", "http://auth.test/token")]
    [InlineData("https://127.0.0.1:5000/", "http://localhost:6000/token")]
    [InlineData("https://169.254.10.10/", "https://169.254.10.10:8443/token")]
    public void Acceptable_realms_pass(string registry, string realm)
    {
        var endpoint = new RegistryEndpoint("registry.test", new Uri(registry), null);

        Assert.Equal(new Uri(realm), TokenRealmValidator.Validate(realm, endpoint));
    }

    [Theory]
    [InlineData("https://registry.test/", "http://auth.test/token")]
    [InlineData("https://registry.test/", "https://169.254.169.254/latest")]
    [InlineData("https://registry.test/", "https://[fe80::1]/token")]
    [InlineData("https://registry.test/", "https://127.0.0.1/token")]
    [InlineData("https://registry.test/", "https://localhost/token")]
    [InlineData("https://registry.test/", "https://[::1]/token")]
    [InlineData("https://registry.test/", "https://0.0.0.0/token")]
    [InlineData("https://registry.test/", "https://224.0.0.1/token")]
    [InlineData("https://registry.test/", "https://user:pw@auth.test/token")]
    [InlineData("https://registry.test/", "ftp://auth.test/token")]
    [InlineData("https://registry.test/", "/token")]
    [InlineData("https://registry.test/", null)]
    public void Dangerous_or_malformed_realms_are_InvalidTokenRealm(string registry, string? realm)
    {
        var endpoint = new RegistryEndpoint("registry.test", new Uri(registry), null);

        var error = Assert.Throws<ContainerPSException>(() => TokenRealmValidator.Validate(realm, endpoint));

        Assert.Equal("InvalidTokenRealm", error.ErrorId);
    }
}
