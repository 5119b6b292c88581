using System.Text.RegularExpressions;

namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// One line of a <c>.dockerignore</c> file after docker's clean-up: <see cref="Text"/> is the cleaned pattern without
/// its <c>!</c>, <see cref="IsException"/> tells a <c>!</c> line that re-includes what earlier lines excluded
/// (Dockerfile reference, ".dockerignore file").
/// </summary>
public sealed class IgnorePattern
{
    private readonly IgnoreMatchKind kind;
    private readonly Regex? expression;

    private IgnorePattern(string text, bool isException, int line, IgnoreMatchKind kind, Regex? expression)
    {
        Text = text;
        IsException = isException;
        Line = line;
        this.kind = kind;
        this.expression = expression;
    }

    public string Text { get; }

    public bool IsException { get; }

    /// <summary>The 1-based line of the pattern in its file, 0 when it did not come from a file.</summary>
    public int Line { get; }

    /// <summary>
    /// Compiles one pattern as written (with <c>!</c> if any); null with <paramref name="problem"/> set when docker
    /// would reject it, e.g. a lone <c>!</c> or an unclosed <c>[</c>.
    /// </summary>
    internal static IgnorePattern? TryCreate(string written, int line, out string? problem)
    {
        bool isException = written.StartsWith('!');
        string text = SlashPath.Clean(isException ? written[1..] : written);
        problem = isException && written.Length == 1 ? "illegal exclusion pattern: \"!\"" : GoGlob.Problem(text);
        if (problem is not null) return null;
        (IgnoreMatchKind kind, string source) = IgnorePatternCompiler.Compile(text);
        Regex? expression = kind == IgnoreMatchKind.Expression ? IgnorePatternCompiler.TryBuild(source) : null;
        if (kind == IgnoreMatchKind.Expression && expression is null) problem = "syntax error in pattern";
        return problem is null ? new IgnorePattern(text, isException, line, kind, expression) : null;
    }

    /// <summary>Whether the pattern names exactly this context-relative, slash-separated path.</summary>
    public bool Matches(string path) => kind switch
    {
        IgnoreMatchKind.Exact => path == Text,
        IgnoreMatchKind.Prefix => path.StartsWith(Text[..^2], StringComparison.Ordinal),
        IgnoreMatchKind.Suffix => MatchesSuffix(path),
        _ => expression!.IsMatch(path),
    };

    /// <summary>Whether the pattern names the path or one of its parent directories (a pattern <c>foo</c> covers <c>foo/bar</c>).</summary>
    public bool MatchesSelfOrParent(string path)
    {
        if (Matches(path)) return true;
        for (int slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
            if (Matches(path[..slash])) return true;
        return false;
    }

    /// <summary><c>**/foo</c> covers <c>a/b/foo</c> and <c>foo</c> itself.</summary>
    private bool MatchesSuffix(string path)
    {
        string suffix = Text[2..];
        return path.EndsWith(suffix, StringComparison.Ordinal) || (suffix.StartsWith('/') && path == suffix[1..]);
    }

    public override string ToString() => IsException ? "!" + Text : Text;
}
