namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// The ordered patterns of a <c>.dockerignore</c> file. A path is ignored when the last pattern naming it or one of
/// its parent directories is a plain pattern rather than a <c>!</c> exception (Dockerfile reference,
/// ".dockerignore file": "the last line of the .dockerignore that matches a particular file determines whether it is
/// included or excluded").
/// </summary>
public sealed class IgnoreMatcher
{
    public static readonly IgnoreMatcher Empty = new([]);

    public IgnoreMatcher(IReadOnlyList<IgnorePattern> patterns)
    {
        Patterns = patterns;
        HasExceptions = patterns.Any(p => p.IsException);
    }

    public IReadOnlyList<IgnorePattern> Patterns { get; }

    public bool HasExceptions { get; }

    /// <summary>
    /// Whether a context-relative, slash-separated path is left out of the build context. Like docker, a pattern
    /// that cannot change the outcome is skipped: a plain one once the path is ignored, an exception while it is not.
    /// </summary>
    public bool IsIgnored(string path)
    {
        bool ignored = false;
        foreach (IgnorePattern pattern in Patterns)
        {
            if (pattern.IsException != ignored) continue;
            if (pattern.MatchesSelfOrParent(path)) ignored = !pattern.IsException;
        }
        return ignored;
    }

    /// <summary>
    /// Whether an ignored directory must still be walked because an exception could re-include something below it.
    /// Docker (BuildKit) walks it when any exception has a wildcard, else only when an exception lies under it.
    /// </summary>
    public bool MayReincludeBelow(string directory)
    {
        string prefix = directory + "/";
        foreach (IgnorePattern pattern in Patterns.Where(p => p.IsException))
        {
            string literal = WithoutTrailingGlob(pattern.Text);
            if (HasWildcard(literal)) return true;
            if ((literal + "/").StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary><c>dir/**</c> and <c>dir/*</c> exceptions still name a plain directory prefix.</summary>
    private static string WithoutTrailingGlob(string text)
    {
        if (text.EndsWith("/**", StringComparison.Ordinal)) text = text[..^3];
        return text.EndsWith("/*", StringComparison.Ordinal) ? text[..^2] : text;
    }

    private static bool HasWildcard(string text) => text.AsSpan().IndexOfAny("*?[]^\\") >= 0;
}
