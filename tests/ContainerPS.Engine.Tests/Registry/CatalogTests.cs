using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Tests.Registry.Support;
using static ContainerPS.Engine.Tests.Registry.Support.RegistryFixture;

namespace ContainerPS.Engine.Tests.Registry;

[Collection(RegistryCollection.Name)]
public sealed class CatalogTests(RegistryFixture registry)
{
    private static readonly string[] Pushed = [Repository, .. TokenRepositories];

    [Fact]
    public async Task Repositories_are_listed_from_the_registry_catalog()
    {
        using var client = Client();

        var repositories = await client.ListRepositoriesAsync(registry.Anonymous.Host, CancellationToken.None);

        Assert.Superset(Pushed.ToHashSet(), repositories.ToHashSet());
    }

    [Fact]
    public async Task Repositories_are_listed_page_by_page_following_the_Link_header()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri);
        using var client = Client(catalogPageSize: 2);

        var repositories = await client.ListRepositoriesAsync(proxy.Host, CancellationToken.None);

        Assert.Superset(Pushed.ToHashSet(), repositories.ToHashSet());
        Assert.Equal(repositories.Distinct().Count(), repositories.Count);
        Assert.True(proxy.RequestsFor("/_catalog").Count >= Pushed.Length / 2);
        Assert.All(proxy.RequestsFor("/_catalog"), r => Assert.Contains("n=2", r.Target));
    }

    [Fact]
    public async Task A_Basic_auth_registry_lists_its_catalog_with_the_credentials_only()
    {
        using var anonymous = Client();
        using var alice = Client(new StaticCredentialProvider(registry.Basic.Host, new RegistryCredential(TokenIssuer.User, TokenIssuer.Password)));

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => anonymous.ListRepositoriesAsync(registry.Basic.Host, CancellationToken.None));
        var repositories = await alice.ListRepositoriesAsync(registry.Basic.Host, CancellationToken.None);

        Assert.Equal("RegistryUnauthorized", error.ErrorId);
        Assert.Contains(Repository, repositories);
    }

    [Fact]
    public async Task A_token_registry_lists_its_catalog_with_a_token_for_the_catalog_scope()
    {
        using var client = Client();

        var repositories = await client.ListRepositoriesAsync(registry.Token.Host, CancellationToken.None);

        Assert.Contains("tok/a", repositories);
        Assert.Contains(registry.Issuer.Requests, r => TokenIssuer.ScopeOf(r) == "registry:catalog:*");
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_refused()
    {
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).Change("/_catalog", -1, response =>
            response.With("Link", "<http://127.0.0.9:1/v2/_catalog?last=test%2Fapp>; rel=\"next\""));
        using var client = Client();

        var error = await Assert.ThrowsAsync<ContainerPSException>(() => client.ListRepositoriesAsync(proxy.Host, CancellationToken.None));

        Assert.Equal("UnexpectedRegistryResponse", error.ErrorId);
    }
}
