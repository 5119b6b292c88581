using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Tests.Registry.Support;

namespace ContainerPS.Engine.Tests.Registry;

public sealed class TokenCacheTests
{
    [Fact]
    public async Task A_token_is_reused_until_it_expires_and_then_fetched_again()
    {
        var clock = new ManualClock();
        var cache = new TokenCache(clock);
        var fetches = 0;
        Task<BearerToken> Fetch() => Task.FromResult(new BearerToken($"t{++fetches}", clock.Now.AddSeconds(60)));
        var key = TokenCache.Key("registry.test", "repository:a/b:pull");

        var first = await cache.GetOrFetchAsync(key, Fetch);
        clock.Now = clock.Now.AddSeconds(30);
        var second = await cache.GetOrFetchAsync(key, Fetch);
        clock.Now = clock.Now.AddSeconds(31);
        var third = await cache.GetOrFetchAsync(key, Fetch);

        Assert.Equal(["t1", "t1", "t2"], new[] { first.Value, second.Value, third.Value });
    }

    [Fact]
    public async Task Repositories_have_their_own_tokens_and_a_failed_fetch_is_not_cached()
    {
        var cache = new TokenCache(TimeProvider.System);
        var fetches = 0;
        Task<BearerToken> Fetch() => Task.FromResult(new BearerToken($"t{++fetches}", DateTimeOffset.UtcNow.AddHours(1)));
        var failing = TokenCache.Key("registry.test", "repository:c:pull");

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrFetchAsync(failing, () => Task.FromException<BearerToken>(new InvalidOperationException())));
        var a = await cache.GetOrFetchAsync(TokenCache.Key("registry.test", "repository:a:pull"), Fetch);
        var b = await cache.GetOrFetchAsync(TokenCache.Key("registry.test", "repository:b:pull"), Fetch);
        var c = await cache.GetOrFetchAsync(failing, Fetch);

        Assert.Equal(["t1", "t2", "t3"], new[] { a.Value, b.Value, c.Value });
    }

    [Fact]
    public async Task Concurrent_requests_for_one_key_share_one_fetch()
    {
        var cache = new TokenCache(TimeProvider.System);
        var release = new TaskCompletionSource<BearerToken>();
        var fetches = 0;
        var key = TokenCache.Key("registry.test", "repository:a:pull");

        var waiting = Enumerable.Range(0, 5).Select(_ => cache.GetOrFetchAsync(key, () => { fetches++; return release.Task; })).ToList();
        release.SetResult(new BearerToken("shared", DateTimeOffset.UtcNow.AddHours(1)));
        var tokens = await Task.WhenAll(waiting);

        Assert.Equal(1, fetches);
        Assert.All(tokens, t => Assert.Equal("shared", t.Value));
    }
}
