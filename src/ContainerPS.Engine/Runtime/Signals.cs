using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>Signal names and numbers as kill(1) takes them; the supervisor's kill accepts the same forms.</summary>
public static class Signals
{
    /// <summary>signal(7), x86-64 and arm64 numbering.</summary>
    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["BUS"] = 7, ["FPE"] = 8,
        ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13, ["ALRM"] = 14, ["TERM"] = 15,
        ["STKFLT"] = 16, ["CHLD"] = 17, ["CONT"] = 18, ["STOP"] = 19, ["TSTP"] = 20, ["TTIN"] = 21, ["TTOU"] = 22,
        ["URG"] = 23, ["XCPU"] = 24, ["XFSZ"] = 25, ["VTALRM"] = 26, ["PROF"] = 27, ["WINCH"] = 28, ["IO"] = 29,
        ["PWR"] = 30, ["SYS"] = 31,
    };

    public const string Kill = "SIGKILL";

    /// <summary>Every signal name, <c>SIGHUP</c> to <c>SIGSYS</c>, in number order.</summary>
    public static IEnumerable<string> Names => Numbers.OrderBy(p => p.Value).Select(p => "SIG" + p.Key);

    /// <summary><c>term</c>, <c>TERM</c>, <c>SIGTERM</c> and <c>15</c> all become <c>SIGTERM</c>; real-time numbers stay numbers.</summary>
    public static string Normalize(string signal)
    {
        var upper = signal.Trim().ToUpperInvariant();
        var name = upper.StartsWith("SIG", StringComparison.Ordinal) ? upper[3..] : upper;
        if (Numbers.ContainsKey(name)) return "SIG" + name;
        if (int.TryParse(name, out var number) && number is > 0 and <= 64)
            return Numbers.FirstOrDefault(p => p.Value == number).Key is { } known ? "SIG" + known : number.ToString();
        throw Fail.InvalidArgument("InvalidSignal", $"'{signal}' is not a signal.", signal);
    }
}
