using ContainerPS.Runtime.Contract;

namespace ContainerPS.Runtime.Tests;

/// <summary>The signal table the engine and the supervisor share: kill(1)'s and runc's forms, the aliases, real-time numbers.</summary>
public sealed class SignalTableTests
{
    [Theory]
    [InlineData("TERM", 15)]
    [InlineData("SIGTERM", 15)]
    [InlineData("sigterm", 15)]
    [InlineData(" 9 ", 9)]
    [InlineData("IOT", 6)]
    [InlineData("POLL", 29)]
    [InlineData("40", 40)]
    public void Names_and_numbers_are_read(string text, int number)
    {
        Assert.True(SignalTable.TryParse(text, out var parsed));
        Assert.Equal(number, parsed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("SIGNOPE")]
    [InlineData("")]
    public void Anything_else_is_not_a_signal(string text) => Assert.False(SignalTable.TryParse(text, out _));

    [Fact]
    public void Numbers_have_their_first_name_and_real_time_signals_none()
    {
        Assert.Equal("SIGABRT", SignalTable.NameOf(6));
        Assert.Equal("SIGIO", SignalTable.NameOf(29));
        Assert.Null(SignalTable.NameOf(40));
        Assert.Equal(31, SignalTable.Names.Count());
    }
}
