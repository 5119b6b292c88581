using System.Globalization;
using System.Text.RegularExpressions;

namespace ContainerPS.Shim.Cli;

/// <summary>
/// Go's time.ParseDuration syntax, which runc's options take (`events --interval 5s`): one or more decimal numbers
/// each with a unit (ns, us, µs, ms, s, m, h), e.g. 500ms, 1m30s. Zero and negative are refused here: an interval
/// must move forward.
/// </summary>
internal static partial class GoDuration
{
    public static TimeSpan Parse(string text, string option)
    {
        var matches = Part().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
            throw new ShimException(ExitCodes.Usage, $"{option}: '{text}' is not a duration (e.g. 500ms, 5s, 1m)");
        double milliseconds = matches.Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * UnitMilliseconds(m.Groups[2].Value));
        if (milliseconds <= 0) throw new ShimException(ExitCodes.Usage, $"{option}: '{text}' must be more than zero");
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    private static double UnitMilliseconds(string unit) => unit switch
    {
        "ns" => 1e-6,
        "us" or "µs" => 1e-3,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        _ => 3_600_000, // h
    };

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex Part();
}
