using System.Globalization;

namespace ContainerPS.Engine.Runtime;

/// <summary>Parses json-file times: RFC 3339 with up to nine fractional digits, cut to .NET's 100 ns ticks.</summary>
internal static class LogTime
{
    private const int MaxFractionDigits = 7;

    public static DateTimeOffset? Parse(string text)
    {
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > MaxFractionDigits) text = text[..(dot + 1 + MaxFractionDigits)] + text[end..];
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }
}
