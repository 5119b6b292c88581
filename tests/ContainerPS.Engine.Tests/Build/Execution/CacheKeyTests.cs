using ContainerPS.Engine.Build.Execution;

namespace ContainerPS.Engine.Tests.Build.Execution;

/// <summary>docs/build.md, "Cache": a key depends on its parent and on every part, and parts cannot run into each other.</summary>
public sealed class CacheKeyTests
{
    [Fact]
    public void The_same_parent_and_parts_give_the_same_key() =>
        Assert.Equal(CacheKey.Next("p", "RUN x", "a"), CacheKey.Next("p", "RUN x", "a"));

    [Fact]
    public void Another_parent_gives_another_key() =>
        Assert.NotEqual(CacheKey.Next("p", "RUN x"), CacheKey.Next("q", "RUN x"));

    [Fact]
    public void Parts_are_delimited() =>
        Assert.NotEqual(CacheKey.Next("p", "ab", "c"), CacheKey.Next("p", "a", "bc"));

    [Fact]
    public void Arguments_are_keyed_in_a_fixed_order()
    {
        var one = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" };
        var other = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" };
        Assert.Equal(CacheKey.Of(one), CacheKey.Of(other));
        Assert.StartsWith("sha256:", CacheKey.Next("", CacheKey.Of(one)));
    }
}
