using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Tests.Runtime;

public sealed class ByteSizeParserTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("536870912", 536870912L)]
    [InlineData("100b", 100L)]
    [InlineData("100k", 102400L)]
    [InlineData("100K", 102400L)]
    [InlineData("512m", 536870912L)]
    [InlineData("512M", 536870912L)]
    [InlineData("512mb", 536870912L)]
    [InlineData("512MB", 536870912L)]
    [InlineData("512MiB", 536870912L)]
    [InlineData("512 m", 536870912L)]
    [InlineData(" 1g ", 1073741824L)]
    [InlineData("1.5g", 1610612736L)]
    [InlineData("1.5GiB", 1610612736L)]
    [InlineData("2t", 2199023255552L)]
    [InlineData("1p", 1125899906842624L)]
    [InlineData("0.5k", 512L)]
    [InlineData("1.0001k", 1024L)]
    public void Docker_sizes_are_binary_bytes(string text, long expected)
    {
        Assert.Equal(expected, ByteSizeParser.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("m")]
    [InlineData("-1m")]
    [InlineData("1x")]
    [InlineData("1.5.2g")]
    [InlineData("1,5g")]
    [InlineData("1gb2")]
    [InlineData("1  g")]
    [InlineData("1ib")]
    [InlineData("99999999p")]
    public void Anything_else_is_InvalidSize(string text)
    {
        var error = Assert.Throws<ContainerPSException>(() => ByteSizeParser.Parse(text));

        Assert.Equal("InvalidSize", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
    }
}
