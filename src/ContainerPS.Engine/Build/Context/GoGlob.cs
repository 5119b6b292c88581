namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// Go's <c>filepath.Match</c> on one path segment: <c>*</c> any run of non-separator characters, <c>?</c> one
/// character, <c>[...]</c> a class with <c>^</c> negation and <c>a-z</c> ranges, <c>\</c> escapes. Docker checks
/// <c>.dockerignore</c> patterns with it (Dockerfile reference, ".dockerignore file") and matches COPY/ADD source
/// wildcards with it segment by segment (Dockerfile reference, "COPY", "Pattern matching").
/// </summary>
internal static class GoGlob
{
    /// <summary>Characters that make a pattern a wildcard rather than a plain path, as Go's <c>hasMeta</c>.</summary>
    public static bool HasMeta(string pattern) => pattern.AsSpan().IndexOfAny("*?[\\") >= 0;

    /// <summary>Null when the pattern is well formed, else why not (Go reports <c>ErrBadPattern</c> for the whole pattern).</summary>
    public static string? Problem(string pattern)
    {
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && ++i >= pattern.Length) return "trailing backslash";
            if (pattern[i] == '[' && (i = GoGlobClass.End(pattern, i)) < 0) return "malformed character class";
        }
        return null;
    }

    /// <summary>Whether a well-formed pattern matches the whole name; call <see cref="Problem"/> first.</summary>
    public static bool Matches(string pattern, string name) => MatchFrom(pattern, 0, name, 0);

    private static bool MatchFrom(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            char c = pattern[p];
            if (c == '*') return MatchStar(pattern, p, name, n);
            if (n >= name.Length) return false;
            if (c == '?') { if (name[n] == '/') return false; p++; n++; continue; }
            if (c == '[')
            {
                int end = GoGlobClass.End(pattern, p);
                if (!GoGlobClass.Contains(pattern, p, end, name[n])) return false;
                p = end; n++; continue;
            }
            if (c == '\\') c = pattern[++p];
            if (name[n] != c) return false;
            p++; n++;
        }
        return n == name.Length;
    }

    private static bool MatchStar(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length && pattern[p] == '*') p++;
        for (int k = n; k <= name.Length; k++)
        {
            if (MatchFrom(pattern, p, name, k)) return true;
            if (k < name.Length && name[k] == '/') return false;
        }
        return false;
    }
}
