using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Tests.Unpack;

public sealed class LayerPathTests
{
    [Theory]
    [InlineData("usr/bin/env", "usr/bin/env")]
    [InlineData("./usr/bin/", "usr/bin")]
    [InlineData("/usr//bin/./env", "usr/bin/env")]
    [InlineData("usr/lib/../bin", "usr/bin")]
    [InlineData("./", "")]
    [InlineData(".", "")]
    [InlineData("/", "")]
    [InlineData("a/..", "")]
    [InlineData("././a", "a")]
    [InlineData("..a/b..", "..a/b..")]
    public void Entry_names_are_cleaned_relative_to_the_root(string name, string expected)
    {
        Assert.Equal(expected, LayerPath.Clean(name).ToString());
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../etc/passwd")]
    [InlineData("/../etc")]
    [InlineData("a/../../b")]
    [InlineData("./a/b/../../..")]
    public void A_name_that_climbs_above_the_root_is_refused(string name)
    {
        var error = Assert.Throws<ContainerPSException>(() => LayerPath.Clean(name).ToString());

        Assert.Equal("LayerPathEscapesRoot", error.ErrorId);
    }
}
