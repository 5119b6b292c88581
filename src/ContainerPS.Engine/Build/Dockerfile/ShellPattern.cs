using System.Text;
using System.Text.RegularExpressions;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// The shell wildcard patterns of <c>${name#pattern}</c>, <c>${name%pattern}</c> and <c>${name/pattern/replacement}</c>
/// (Dockerfile reference, "Environment replacement"): <c>*</c> is any text, shortest or (greedy) longest, <c>?</c> one
/// character, <c>\</c> escapes <c>*</c>, <c>?</c> or itself; bracket expressions are not supported, as in BuildKit.
/// Each method returns null when the pattern has an invalid escape.
/// </summary>
internal static class ShellPattern
{
    public static string? TrimPrefix(string pattern, string value, bool greedy)
    {
        Regex? regex = ToRegex(pattern, greedy, anchored: true);
        if (regex is null) return null;
        Match match = regex.Match(value);
        return match.Success ? value[(match.Index + match.Length)..] : value;
    }

    /// <summary>A suffix is trimmed as a prefix of the reversed value, with the pattern reversed escape pairs intact.</summary>
    public static string? TrimSuffix(string pattern, string value, bool greedy)
    {
        string? trimmed = TrimPrefix(ReversePattern(pattern), Reverse(value), greedy);
        return trimmed is null ? null : Reverse(trimmed);
    }

    public static string? Replace(string pattern, string value, string replacement, bool all)
    {
        Regex? regex = ToRegex(pattern, greedy: true, anchored: false);
        if (regex is null) return null;
        return all ? regex.Replace(value, _ => replacement) : regex.Replace(value, _ => replacement, 1);
    }

    private static Regex? ToRegex(string pattern, bool greedy, bool anchored)
    {
        var regex = new StringBuilder(anchored ? "^" : "");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '*') regex.Append(greedy ? ".*" : ".*?");
            else if (c == '?') regex.Append('.');
            else if (c == '\\')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] is '}' or '/') continue;
                if (i + 1 >= pattern.Length || pattern[i + 1] is not ('*' or '?' or '\\')) return null;
                regex.Append('\\').Append(pattern[++i]);
            }
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant);
    }

    private static string ReversePattern(string pattern)
    {
        var pieces = new List<string>();
        for (int i = 0; i < pattern.Length; i++)
        {
            bool escapePair = pattern[i] == '\\' && i + 1 < pattern.Length;
            pieces.Add(escapePair ? pattern.Substring(i++, 2) : pattern[i].ToString());
        }
        pieces.Reverse();
        return string.Concat(pieces);
    }

    private static string Reverse(string text)
    {
        char[] chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }
}
