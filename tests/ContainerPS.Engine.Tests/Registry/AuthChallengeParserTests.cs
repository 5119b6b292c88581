using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Tests.Registry;

public sealed class AuthChallengeParserTests
{
    [Theory]
    [InlineData("""Bearer realm="https://auth.test/token",service="registry.test",scope="repository:a/b:pull" """, "Bearer", "https://auth.test/token", "registry.test", "repository:a/b:pull")]
    [InlineData("""Bearer realm="https://auth.test/token", error="insufficient_scope", scope="repository:a:pull,push" """, "Bearer", "https://auth.test/token", null, "repository:a:pull,push")]
    [InlineData("""bearer REALM=https://auth.test/token,Service=svc""", "bearer", "https://auth.test/token", "svc", null)]
    [InlineData("""Basic realm="Registry Realm" """, "Basic", "Registry Realm", null, null)]
    [InlineData("""Bearer realm="a\"b\\c" """, "Bearer", "a\"b\\c", null, null)]
    public void A_challenge_yields_its_scheme_and_parameters(string header, string scheme, string? realm, string? service, string? scope)
    {
        var challenge = Assert.Single(AuthChallengeParser.Parse(header));

        Assert.Equal(scheme, challenge.Scheme);
        Assert.Equal(realm, challenge.Realm);
        Assert.Equal(service, challenge.Service);
        Assert.Equal(scope, challenge.Scope);
    }

    [Fact]
    public void Several_challenges_in_one_header_are_all_read()
    {
        var challenges = AuthChallengeParser.Parse("""Basic realm="x", Bearer realm="https://auth.test/t",service="s" """).ToList();

        Assert.Equal(["Basic", "Bearer"], challenges.Select(c => c.Scheme));
        Assert.Equal("https://auth.test/t", challenges[1].Realm);
        Assert.Equal("s", challenges[1].Service);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",,, ")]
    [InlineData("Bearer realm=\"unterminated")]
    public void Malformed_headers_do_not_throw(string header)
    {
        var challenges = AuthChallengeParser.Parse(header).ToList();

        Assert.True(challenges.Count <= 1);
    }
}
