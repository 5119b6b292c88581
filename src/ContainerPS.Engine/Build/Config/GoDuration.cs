using System.Globalization;

namespace ContainerPS.Engine.Build.Config;

/// <summary>
/// Reads the durations HEALTHCHECK's <c>--interval</c>, <c>--timeout</c>, <c>--start-period</c> and <c>--start-interval</c>
/// take (Dockerfile reference, "HEALTHCHECK": "30s", "1m30s"), in Go's duration syntax as Docker reads them: an optional
/// sign, then numbers with an optional fraction, each with a unit ns, us, µs, ms, s, m or h; a bare "0" is zero.
/// </summary>
internal static class GoDuration
{
    private static readonly (string Unit, decimal Nanoseconds)[] Units =
    [
        ("ns", 1m), ("us", 1_000m), ("µs", 1_000m), ("μs", 1_000m), ("ms", 1_000_000m),
        ("s", 1_000_000_000m), ("m", 60_000_000_000m), ("h", 3_600_000_000_000m),
    ];

    public static bool TryParse(string text, out long nanoseconds)
    {
        nanoseconds = 0;
        (int sign, string body) = SignOf(text);
        if (body == "0") return true;
        if (body.Length == 0) return false;
        decimal total = 0;
        int position = 0;
        while (position < body.Length)
        {
            if (!TryReadTerm(body, ref position, out decimal term)) return false;
            total += term;
        }
        if (total > long.MaxValue) return false;
        nanoseconds = sign * (long)total;
        return true;
    }

    private static (int Sign, string Body) SignOf(string text) =>
        text.StartsWith('-') ? (-1, text[1..]) : text.StartsWith('+') ? (1, text[1..]) : (1, text);

    private static bool TryReadTerm(string body, ref int position, out decimal nanoseconds)
    {
        nanoseconds = 0;
        int start = position;
        while (position < body.Length && (char.IsAsciiDigit(body[position]) || body[position] == '.')) position++;
        string number = body[start..position];
        if (number.Length == 0 || number == "." || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value)) return false;
        string rest = body[position..];
        foreach ((string unit, decimal scale) in Units.OrderByDescending(entry => entry.Unit.Length))
        {
            if (!rest.StartsWith(unit, StringComparison.Ordinal)) continue;
            position += unit.Length;
            nanoseconds = value * scale;
            return true;
        }
        return false;
    }
}
