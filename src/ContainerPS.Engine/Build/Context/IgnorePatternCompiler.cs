using System.Text;
using System.Text.RegularExpressions;

namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// Turns a cleaned <c>.dockerignore</c> pattern into docker's test: <c>*</c> is any run without <c>/</c>, <c>?</c>
/// one character but <c>/</c>, <c>**</c> any number of directories (even none), <c>[...]</c> kept as a class,
/// <c>\</c> escapes the next character (Dockerfile reference, ".dockerignore file"). Docker keeps the cheap
/// exact/prefix/suffix tests for patterns without other wildcards, and so do we, with the same results.
/// </summary>
internal static class IgnorePatternCompiler
{
    private const string RegexSpecials = ".+()|{}$";

    /// <summary>The match kind and, for <see cref="IgnoreMatchKind.Expression"/>, the anchored regular expression text.</summary>
    public static (IgnoreMatchKind Kind, string Expression) Compile(string pattern)
    {
        var expression = new StringBuilder("^");
        var kind = IgnoreMatchKind.Exact;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '*' && At(pattern, i + 1) == '*') kind = AppendDoubleStar(pattern, ref i, expression, kind);
            else if (c == '*') { expression.Append("[^/]*"); kind = IgnoreMatchKind.Expression; }
            else if (c == '?') { expression.Append("[^/]"); kind = IgnoreMatchKind.Expression; }
            else if (RegexSpecials.Contains(c)) expression.Append('\\').Append(c);
            else if (c == '\\') kind = AppendEscape(pattern, ref i, expression, kind);
            else if (c is '[' or ']') { expression.Append(c); kind = IgnoreMatchKind.Expression; }
            else expression.Append(c);
        }
        return (kind, expression.Append("\\z").ToString());
    }

    /// <summary>
    /// <c>**/</c> counts as <c>**</c>; a trailing <c>**</c> accepts everything below (as .gitignore does); a leading
    /// one turns the test into a suffix test when nothing else is a wildcard.
    /// </summary>
    private static IgnoreMatchKind AppendDoubleStar(string pattern, ref int i, StringBuilder expression, IgnoreMatchKind kind)
    {
        bool leading = i == 0;
        i++;
        if (At(pattern, i + 1) == '/') i++;
        if (i + 1 >= pattern.Length)
        {
            if (kind == IgnoreMatchKind.Exact) kind = IgnoreMatchKind.Prefix;
            else { expression.Append(".*"); kind = IgnoreMatchKind.Expression; }
        }
        else
        {
            expression.Append("(.*/)?");
            kind = IgnoreMatchKind.Expression;
        }
        return leading ? IgnoreMatchKind.Suffix : kind;
    }

    /// <summary>A backslash escapes the next character; a trailing one stays literal.</summary>
    private static IgnoreMatchKind AppendEscape(string pattern, ref int i, StringBuilder expression, IgnoreMatchKind kind)
    {
        if (i + 1 >= pattern.Length) { expression.Append("\\\\"); return kind; }
        expression.Append('\\').Append(pattern[++i]);
        return IgnoreMatchKind.Expression;
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    /// <summary>
    /// The compiled expression, or null when .NET cannot compile it (docker fails such a pattern too); non-backtracking
    /// so that matching stays linear like Go's regular expressions.
    /// </summary>
    public static Regex? TryBuild(string expression)
    {
        try { return new Regex(expression, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking); }
        catch (ArgumentException) { return null; }
    }
}
