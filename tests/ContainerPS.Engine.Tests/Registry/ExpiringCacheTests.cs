using ContainerPS.Engine.Registry;
using ContainerPS.Engine.Tests.Registry.Support;

namespace ContainerPS.Engine.Tests.Registry;

public sealed class ExpiringCacheTests
{
    private readonly ManualClock _clock = new();
    private int _fetches;

    private Task<string> Fetch() => Task.FromResult($"answer{++_fetches}");

    [Fact]
    public async Task An_answer_is_reused_until_its_lifetime_ends_and_then_fetched_again()
    {
        var cache = new ExpiringCache<string>(TimeSpan.FromSeconds(60), 8, _clock);

        var first = await cache.GetOrAdd("a", Fetch);
        _clock.Now = _clock.Now.AddSeconds(59);
        var second = await cache.GetOrAdd("a", Fetch);
        _clock.Now = _clock.Now.AddSeconds(1);
        var third = await cache.GetOrAdd("a", Fetch);

        Assert.Equal(["answer1", "answer1", "answer2"], new[] { first, second, third });
    }

    [Fact]
    public async Task A_failed_fetch_is_forgotten_so_the_next_lookup_asks_again()
    {
        var cache = new ExpiringCache<string>(TimeSpan.FromSeconds(60), 8, _clock);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrAdd("a", () => Task.FromException<string>(new InvalidOperationException())));
        var answer = await cache.GetOrAdd("a", Fetch);

        Assert.Equal("answer1", answer);
    }

    [Fact]
    public async Task Lookups_of_one_key_share_the_fetch_under_way()
    {
        var cache = new ExpiringCache<string>(TimeSpan.FromSeconds(60), 8, _clock);
        var pending = new TaskCompletionSource<string>();

        var first = cache.GetOrAdd("a", () => pending.Task);
        var second = cache.GetOrAdd("a", Fetch);
        pending.SetResult("shared");

        Assert.Equal(["shared", "shared"], await Task.WhenAll(first, second));
        Assert.Equal(0, _fetches);
    }

    [Fact]
    public async Task A_full_cache_drops_its_oldest_answer_and_never_holds_more_than_its_capacity()
    {
        var cache = new ExpiringCache<string>(TimeSpan.FromSeconds(60), 2, _clock);

        await cache.GetOrAdd("a", Fetch);
        _clock.Now = _clock.Now.AddSeconds(1);
        await cache.GetOrAdd("b", Fetch);
        _clock.Now = _clock.Now.AddSeconds(1);
        await cache.GetOrAdd("c", Fetch);
        var b = await cache.GetOrAdd("b", Fetch);
        var a = await cache.GetOrAdd("a", Fetch);

        Assert.Equal(2, cache.Count);
        Assert.Equal("answer2", b);
        Assert.Equal("answer4", a);
    }
}
