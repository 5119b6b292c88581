namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// The <c>[...]</c> character class of Go's <c>filepath.Match</c>: optional <c>^</c>, then one or more items
/// <c>c</c> or <c>lo-hi</c>, each character possibly <c>\</c>-escaped; a bare <c>-</c> or <c>]</c> where a character
/// is due, or no closing <c>]</c>, makes the pattern bad (Dockerfile reference, ".dockerignore file").
/// </summary>
internal static class GoGlobClass
{
    /// <summary>The index just past the closing <c>]</c> of the class opening at <paramref name="open"/>, or -1.</summary>
    public static int End(string pattern, int open)
    {
        int i = SkipNegation(pattern, open + 1);
        for (int items = 0; ; items++)
        {
            if (i < pattern.Length && pattern[i] == ']' && items > 0) return i + 1;
            if (ReadChar(pattern, ref i) is null) return -1;
            if (i < pattern.Length && pattern[i] == '-' && (++i > pattern.Length || ReadChar(pattern, ref i) is null)) return -1;
        }
    }

    /// <summary>Whether the well-formed class spanning <c>[open, end)</c> admits the character.</summary>
    public static bool Contains(string pattern, int open, int end, char candidate)
    {
        int i = SkipNegation(pattern, open + 1);
        bool negated = i != open + 1, inside = false;
        while (i < end - 1)
        {
            char lo = ReadChar(pattern, ref i)!.Value, hi = lo;
            if (pattern[i] == '-') { i++; hi = ReadChar(pattern, ref i)!.Value; }
            if (lo <= candidate && candidate <= hi) inside = true;
        }
        return inside != negated;
    }

    private static int SkipNegation(string pattern, int i) => i < pattern.Length && pattern[i] == '^' ? i + 1 : i;

    private static char? ReadChar(string pattern, ref int i)
    {
        if (i >= pattern.Length || pattern[i] is '-' or ']') return null;
        if (pattern[i] == '\\' && ++i >= pattern.Length) return null;
        return pattern[i++];
    }
}
