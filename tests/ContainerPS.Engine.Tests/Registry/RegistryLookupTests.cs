using System.Net;
using System.Net.Sockets;
using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Tests.Registry.Support;
using static ContainerPS.Engine.Tests.Registry.Support.RegistryFixture;

namespace ContainerPS.Engine.Tests.Registry;

[Collection(RegistryCollection.Name)]
public sealed class RegistryLookupTests(RegistryFixture registry)
{
    // Patient enough for a loaded machine wherever the test wants the answer; short where it wants none.
    private static readonly TimeSpan Patient = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Impatient = TimeSpan.FromMilliseconds(50);

    private static RegistryLookup Lookup(TimeSpan? wait = null, TimeSpan? fetchLimit = null, int capacity = 8) =>
        new(wait ?? Patient, fetchLimit ?? Patient, TimeSpan.FromMinutes(1), capacity, TimeProvider.System);

    [Fact]
    public void Tags_repositories_and_platforms_come_from_the_registry()
    {
        var lookup = Lookup();

        var tags = lookup.Tags(Ref(registry.Anonymous.Host, Repository), Options());
        var repositories = lookup.Repositories(registry.Anonymous.Host, Options());
        var ofIndex = lookup.Platforms(Ref(registry.Anonymous.Host, $"{Repository}:multi"), Options());
        var ofManifest = lookup.Platforms(Ref(registry.Anonymous.Host, $"{Repository}:v1"), Options());

        Assert.Equal(AppTags.Order(), tags.Order());
        Assert.Contains(Repository, repositories);
        Assert.Equal(["linux/amd64"], ofIndex);
        Assert.Equal(["linux/amd64"], ofManifest);
    }

    [Fact]
    public async Task A_registry_that_does_not_answer_in_time_gives_nothing_and_its_late_answer_serves_the_next_lookup()
    {
        var gate = new TaskCompletionSource();
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).On("/tags/list", -1, async (request, forward) =>
        {
            await gate.Task;
            return await forward(request);
        });
        var lookup = Lookup(wait: Impatient);
        var repository = Ref(proxy.Host, Repository);

        var whileWaiting = lookup.Tags(repository, Options());
        gate.SetResult();
        var late = await lookup.TagsAsync(repository, Options());
        var next = lookup.Tags(repository, Options());

        Assert.Empty(whileWaiting);
        Assert.Equal(AppTags.Order(), late.Order());
        Assert.Equal(late, next);
        Assert.Single(proxy.RequestsFor("/tags/list"));
    }

    [Fact]
    public async Task A_fetch_that_outlasts_its_limit_is_cancelled_and_forgotten()
    {
        var gate = new TaskCompletionSource();
        await using var proxy = new FaultProxy(registry.Anonymous.BaseUri).On("/_catalog", -1, async (request, forward) =>
        {
            await gate.Task;
            return await forward(request);
        });
        try
        {
            var lookup = Lookup(wait: Impatient, fetchLimit: Impatient);

            var answer = lookup.Repositories(proxy.Host, Options());
            var first = lookup.RepositoriesAsync(proxy.Host, Options());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
            var again = lookup.RepositoriesAsync(proxy.Host, Options());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => again);

            Assert.Empty(answer);
            Assert.NotSame(first, again);
        }
        finally
        {
            gate.SetResult();
        }
    }

    [Fact]
    public void A_registry_nobody_listens_for_gives_nothing_and_throws_nothing()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // bound, never listening: connections are refused
        var host = $"127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}";
        var lookup = Lookup();

        Assert.Empty(lookup.Tags(Ref(host, Repository), Options()));
        Assert.Empty(lookup.Repositories(host, Options()));
        Assert.Empty(lookup.Platforms(Ref(host, $"{Repository}:v1"), Options()));
        Assert.Equal(0, lookup.CachedAnswers);
    }

    [Fact]
    public void Answers_are_kept_for_no_more_repositories_than_the_capacity()
    {
        var lookup = Lookup(capacity: 2);

        foreach (var repository in TokenRepositories.Take(3)) lookup.Tags(Ref(registry.Anonymous.Host, repository), Options());

        Assert.Equal(2, lookup.CachedAnswers);
    }
}
