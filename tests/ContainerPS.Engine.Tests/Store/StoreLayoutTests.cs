using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Tests.Store;

public sealed class StoreLayoutTests
{
    [Theory]
    [InlineData("/proc/self")]
    [InlineData("/proc/self/status")]
    public void A_root_that_cannot_hold_a_store_is_StoreRootUnusable(string root)
    {
        var error = Assert.Throws<ContainerPSException>(() => new StoreLayout(root).EnsureCreated());

        Assert.Equal("StoreRootUnusable", error.ErrorId);
        Assert.Equal(root, error.Target);
    }
}
