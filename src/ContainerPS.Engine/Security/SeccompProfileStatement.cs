namespace ContainerPS.Engine.Security;

/// <summary>One statement of a profile in our line format: its text (continuation lines joined, comments removed)
/// and the line it starts on.</summary>
internal sealed record SeccompProfileStatement(int Line, string Text)
{
    /// <summary>Splits the file into statements: a line starting with white space continues the previous one.</summary>
    public static List<SeccompProfileStatement> Split(string text)
    {
        var statements = new List<SeccompProfileStatement>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = StripComment(lines[index]);
            if (line.Trim().Length == 0) continue;
            if (char.IsWhiteSpace(line[0]) && statements.Count > 0)
            {
                var last = statements[^1];
                statements[^1] = last with { Text = last.Text + " " + line.Trim() };
            }
            else
            {
                statements.Add(new SeccompProfileStatement(index + 1, line.Trim()));
            }
        }
        return statements;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        return (hash < 0 ? line : line[..hash]).TrimEnd('\r', ' ', '\t');
    }
}
