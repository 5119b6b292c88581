using System.Globalization;
using System.Text.RegularExpressions;

namespace ContainerPS.Shim.Cli;

/// <summary>
/// A size as docker and runc take it (go-units RAMInBytes): a number, optionally with a binary unit k, m, g, t, p
/// (either case, with an optional "i" and "b": 64m, 512MiB, 1g). Plain numbers are bytes.
/// </summary>
internal static partial class ByteSize
{
    public static long Parse(string text, string option)
    {
        var match = Pattern().Match(text);
        if (!match.Success) throw new ShimException(ExitCodes.Usage, $"{option}: '{text}' is not a size (e.g. 67108864, 64m, 1g)");
        double number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        int power = "kmgtp".IndexOf(char.ToLowerInvariant(match.Groups[2].Value.FirstOrDefault('b'))) + 1;
        double bytes = number * Math.Pow(1024, power);
        if (bytes >= long.MaxValue) throw new ShimException(ExitCodes.Usage, $"{option}: '{text}' is too large");
        return (long)bytes;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$")]
    private static partial Regex Pattern();
}
