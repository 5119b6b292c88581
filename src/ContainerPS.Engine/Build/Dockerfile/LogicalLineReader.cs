namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Joins physical lines into instructions (Dockerfile reference, "Format" and "escape"): a line whose first non-blank
/// character is <c>#</c> is a comment, also inside a continuation; the escape character at the end of a line (trailing
/// blanks allowed) continues the instruction on the next line; blank lines inside a continuation are skipped. Leading
/// blanks of an instruction's first line are dropped, those of continuation lines kept, as BuildKit does.
/// </summary>
internal sealed class LogicalLineReader(SourceLines source, char escape)
{
    public LogicalLine? Next()
    {
        while (source.TryRead(out string raw, out int number))
        {
            string first = raw.TrimStart();
            if (IsComment(first)) continue;
            (string text, bool continues) = TrimContinuation(first);
            if (!continues && text.Length == 0) continue;
            return continues ? JoinContinuation(text, number) : new LogicalLine(text, number, number);
        }
        return null;
    }

    public static bool IsComment(string line) => line.TrimStart().StartsWith('#');

    private LogicalLine JoinContinuation(string first, int startLine)
    {
        var joined = new System.Text.StringBuilder(first);
        int endLine = startLine;
        bool continues = true;
        while (continues && source.TryRead(out string raw, out int number))
        {
            endLine = number;
            if (IsComment(raw) || raw.Trim().Length == 0) continue;
            (string text, continues) = TrimContinuation(raw);
            joined.Append(text);
        }
        return new LogicalLine(joined.ToString(), startLine, endLine);
    }

    /// <summary>The line without a trailing escape character and the blanks after it, and whether there was one.</summary>
    private (string Text, bool Continues) TrimContinuation(string line)
    {
        string trimmed = line.TrimEnd(' ', '\t');
        return trimmed.EndsWith(escape) ? (trimmed[..^1], true) : (line, false);
    }
}
