namespace ContainerPS.Runtime.Contract;

/// <summary>
/// Signal names and numbers as kill(1) and runc take them (signal(7), the x86-64 and arm64 numbering): <c>TERM</c>,
/// <c>SIGTERM</c>, <c>term</c> or <c>15</c>, the aliases IOT and POLL, and real-time signals by number. The engine
/// and the supervisor read a signal with this one table.
/// </summary>
public static class SignalTable
{
    public const int MaxSignal = 64;

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["IOT"] = 6, ["BUS"] = 7,
        ["FPE"] = 8, ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13, ["ALRM"] = 14,
        ["TERM"] = 15, ["STKFLT"] = 16, ["CHLD"] = 17, ["CONT"] = 18, ["STOP"] = 19, ["TSTP"] = 20, ["TTIN"] = 21,
        ["TTOU"] = 22, ["URG"] = 23, ["XCPU"] = 24, ["XFSZ"] = 25, ["VTALRM"] = 26, ["PROF"] = 27, ["WINCH"] = 28,
        ["IO"] = 29, ["POLL"] = 29, ["PWR"] = 30, ["SYS"] = 31,
    };

    private static readonly string[] Aliases = ["IOT", "POLL"];

    /// <summary>The signal's number; false for anything that is not a signal.</summary>
    public static bool TryParse(string text, out int number)
    {
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, out number)) return number is > 0 and <= MaxSignal;
        var name = trimmed.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? trimmed[3..] : trimmed;
        return Numbers.TryGetValue(name, out number);
    }

    /// <summary><c>SIGTERM</c> for 15; null for a real-time signal, which has no name here.</summary>
    public static string? NameOf(int number) =>
        Numbers.Where(p => p.Value == number && !Aliases.Contains(p.Key)).Select(p => "SIG" + p.Key).FirstOrDefault();

    /// <summary>Every named signal, <c>SIGHUP</c> to <c>SIGSYS</c>, in number order.</summary>
    public static IEnumerable<string> Names =>
        Numbers.Where(p => !Aliases.Contains(p.Key)).OrderBy(p => p.Value).Select(p => "SIG" + p.Key);
}
