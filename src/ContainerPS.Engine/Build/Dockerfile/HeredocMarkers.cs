using System.Text.RegularExpressions;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Finds the here-document markers in an instruction (Dockerfile reference, "Here-Documents"): every shell word of the
/// form <c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c> or <c>2&lt;&lt;EOF</c>, in order. A delimiter with any quoted part
/// (<c>&lt;&lt;"EOF"</c>, <c>&lt;&lt;'EOF'</c>, <c>&lt;&lt;E"O"F</c>) turns off expansion in the body; blanks may follow
/// the operator (<c>&lt;&lt; EOF</c>), and an unset <c>$NAME</c> in a delimiter stays as written. As in BuildKit,
/// the words are found with the default <c>\</c> escape, and a line the shell lexer cannot split has no heredocs.
/// </summary>
internal static partial class HeredocMarkers
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    public static List<HeredocMarker> Find(string line, SourceLocation at)
    {
        if (!line.Contains("<<")) return [];
        List<string>? words = TryWords(line, new ShellLexerOptions('\\', RawQuotes: true, RawEscapes: true, KeepUnset: true, JoinHeredocOperator: true), at);
        return words is null ? [] : words.Select(word => MarkerOf(word, at)).OfType<HeredocMarker>().ToList();
    }

    private static HeredocMarker? MarkerOf(string word, SourceLocation at)
    {
        Match match = MarkerPattern().Match(word);
        if (!match.Success || match.Groups[3].Length == 0) return null;
        string delimiter = match.Groups[3].Value;
        List<string> plain = Words(delimiter, new ShellLexerOptions('\\', KeepUnset: true), at);
        List<string> quoted = Words(delimiter, new ShellLexerOptions('\\', RawQuotes: true, KeepUnset: true), at);
        if (plain.Count != 1) return null;
        if (quoted.Count != 1) throw DockerfileErrors.Parse(at, $"invalid heredoc delimiter '{delimiter}'");
        int? descriptor = match.Groups[1].Length > 0 ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new HeredocMarker(plain[0], plain[0] == quoted[0], match.Groups[2].Length > 0, descriptor);
    }

    private static List<string>? TryWords(string text, ShellLexerOptions options, SourceLocation at)
    {
        try { return Words(text, options, at); }
        catch (ContainerPSException) { return null; }
    }

    private static List<string> Words(string text, ShellLexerOptions options, SourceLocation at) =>
        new ShellLexer(text, NoVariables, options, at).Run().Words;

    [GeneratedRegex(@"^(\d{0,9})<<(-?)\s*([^<]*)$")]
    private static partial Regex MarkerPattern();
}
