namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Variable substitution for the instructions that allow it (Dockerfile reference, "Environment replacement": ADD, COPY,
/// ENV, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR, ONBUILD, and ARG). The lookup returns null for an unset
/// variable, which differs from an empty one for the <c>-</c>, <c>+</c> and <c>?</c> modifiers. Syntax faults throw
/// <c>DockerfileParseError</c>, an unset <c>${name:?message}</c> throws <c>BuildArgumentRequired</c>.
/// </summary>
public static class DockerfileWords
{
    /// <summary>Expands <paramref name="text"/> as one word: quotes are removed, blanks kept.</summary>
    public static string Expand(string text, Func<string, string?> lookup, char escape = DockerfileDirectives.DefaultEscape, SourceLocation? at = null) =>
        Lexer(text, lookup, escape, at).Run().Text;

    /// <summary>Expands <paramref name="text"/> and splits it into words at unquoted blanks, as for COPY sources or EXPOSE ports.</summary>
    public static IReadOnlyList<string> ExpandWords(string text, Func<string, string?> lookup, char escape = DockerfileDirectives.DefaultEscape, SourceLocation? at = null) =>
        Lexer(text, lookup, escape, at).Run().Words;

    /// <summary>A lookup over a dictionary, for callers that hold the variables as one.</summary>
    public static Func<string, string?> LookupIn(IReadOnlyDictionary<string, string> variables) =>
        name => variables.TryGetValue(name, out string? value) ? value : null;

    private static ShellLexer Lexer(string text, Func<string, string?> lookup, char escape, SourceLocation? at) =>
        new(text, lookup, new ShellLexerOptions(escape), at);
}
