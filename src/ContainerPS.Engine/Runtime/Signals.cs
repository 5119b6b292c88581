using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Contract;

namespace ContainerPS.Engine.Runtime;

/// <summary>Signal names as the engine passes them to the supervisor, read with the table both share (ContainerPS.Runtime's SignalTable).</summary>
public static class Signals
{
    public const string Kill = "SIGKILL";

    /// <summary>Every signal name, <c>SIGHUP</c> to <c>SIGSYS</c>, in number order.</summary>
    public static IEnumerable<string> Names => SignalTable.Names;

    /// <summary><c>term</c>, <c>TERM</c>, <c>SIGTERM</c> and <c>15</c> all become <c>SIGTERM</c>; real-time numbers stay numbers.</summary>
    public static string Normalize(string signal) =>
        SignalTable.TryParse(signal, out var number)
            ? SignalTable.NameOf(number) ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : throw Fail.InvalidArgument("InvalidSignal", $"'{signal}' is not a signal.", signal);
}
