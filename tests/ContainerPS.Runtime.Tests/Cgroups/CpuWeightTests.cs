using ContainerPS.Runtime.Cgroups;

namespace ContainerPS.Runtime.Tests.Cgroups;

public class CpuWeightTests
{
    [Theory]
    [InlineData(2UL, 1UL)]          // the v1 minimum is the v2 minimum
    [InlineData(1024UL, 39UL)]      // Docker's default shares
    [InlineData(512UL, 20UL)]
    [InlineData(262144UL, 10000UL)] // the v1 maximum is the v2 maximum
    [InlineData(1UL, 1UL)]          // below the range: clamped like the v1 kernel
    [InlineData(1000000UL, 10000UL)]
    public void Shares_convert_to_a_weight_as_runc_does(ulong shares, ulong weight)
    {
        Assert.Equal(weight, CpuWeight.FromShares(shares));
    }
}
