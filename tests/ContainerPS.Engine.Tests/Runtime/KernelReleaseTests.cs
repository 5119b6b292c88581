using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Tests.Runtime;

public sealed class KernelReleaseTests
{
    [Theory]
    [InlineData("6.18.44-fc-v657", 6, 18)]
    [InlineData("5.10.0-28-amd64\n", 5, 10)]
    [InlineData("4.19", 4, 19)]
    [InlineData("6.1rc2", 6, 1)]
    public void Parses_the_major_and_minor_version(string release, int major, int minor) =>
        Assert.Equal(new Version(major, minor), KernelRelease.Parse(release));

    [Theory]
    [InlineData("")]
    [InlineData("linux")]
    [InlineData("6")]
    [InlineData("6.x")]
    public void Returns_null_for_a_release_without_a_version(string release) => Assert.Null(KernelRelease.Parse(release));

    [Fact]
    public void Compares_the_running_kernel_with_a_minimum() =>
        Assert.True(KernelRelease.AtLeast(3, 0) && !KernelRelease.AtLeast(999, 0));
}
