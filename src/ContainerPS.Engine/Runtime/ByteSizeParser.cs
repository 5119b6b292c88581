using System.Globalization;
using System.Text.RegularExpressions;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Sizes as docker's command line writes them (docker run reference, "--memory": a number with an optional unit
/// b, k, m, g, t or p; the units are binary, 1k = 1024 bytes): <c>512m</c>, <c>1g</c>, <c>1.5g</c>, <c>100k</c>, and
/// the long forms PowerShell users write (<c>512MB</c>, <c>1.5GiB</c>), in any case, a space allowed before the unit.
/// </summary>
public static partial class ByteSizeParser
{
    private static readonly Dictionary<char, long> Units = new()
    {
        ['b'] = 1, ['k'] = 1L << 10, ['m'] = 1L << 20, ['g'] = 1L << 30, ['t'] = 1L << 40, ['p'] = 1L << 50,
    };

    /// <summary>The bytes <paramref name="text"/> stands for; InvalidSize when it is not a size.</summary>
    public static long Parse(string text)
    {
        var match = SizePattern().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            throw Invalid(text);
        var unit = match.Groups["unit"].Success ? Units[char.ToLowerInvariant(match.Groups["unit"].Value[0])] : 1;
        try
        {
            return (long)decimal.Truncate(number * unit);
        }
        catch (OverflowException)
        {
            throw Invalid(text);
        }
    }

    private static ContainerPSException Invalid(string text) =>
        Fail.InvalidArgument("InvalidSize", $"'{text}' is not a size: write a number of bytes, or one with a unit such as 512m, 1g, 1.5GiB or 100k.", text);

    // A unit letter may be followed by "b" or "ib" (512mb, 1.5GiB); "b" alone is bytes.
    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?) ?((?<unit>[kmgtp])(i?b)?|(?<unit>b))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
