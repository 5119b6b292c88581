using System.Text;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Takes the leading <c>--flag</c> words off an instruction's arguments (Dockerfile reference, e.g. "COPY --chown",
/// "RUN --mount"). A flag word may quote parts of itself with <c>'</c> or <c>"</c> and escape a character with <c>\</c>;
/// the first word not starting with <c>--</c>, or a bare <c>--</c>, ends the flags.
/// </summary>
internal static class FlagExtractor
{
    public static (List<DockerfileFlag> Flags, string Remainder) Extract(string arguments, SourceLocation at)
    {
        var flags = new List<DockerfileFlag>();
        int position = 0;
        while (true)
        {
            while (position < arguments.Length && char.IsWhiteSpace(arguments[position])) position++;
            if (!StartsFlag(arguments, position)) return (flags, arguments[position..].Trim());
            string word = ReadWord(arguments, ref position);
            if (word == "--") return (flags, arguments[position..].Trim());
            flags.Add(FlagOf(word, at));
        }
    }

    private static bool StartsFlag(string text, int position) =>
        position + 1 < text.Length && text[position] == '-' && text[position + 1] == '-';

    private static string ReadWord(string text, ref int position)
    {
        var word = new StringBuilder();
        char quote = '\0';
        for (; position < text.Length; position++)
        {
            char c = text[position];
            if (quote == '\0' && char.IsWhiteSpace(c)) break;
            if (quote == '\0' && c is '\'' or '"') quote = c;
            else if (c == quote) quote = '\0';
            else if (c == '\\' && position + 1 < text.Length) word.Append(text[++position]);
            else if (c != '\\') word.Append(c);
        }
        return word.ToString();
    }

    private static DockerfileFlag FlagOf(string word, SourceLocation at)
    {
        string body = word[2..];
        int equals = body.IndexOf('=');
        string name = equals < 0 ? body : body[..equals];
        if (name.Length == 0) throw DockerfileErrors.Parse(at, $"invalid flag '{word}': a flag needs a name");
        return new DockerfileFlag(name, equals < 0 ? null : body[(equals + 1)..]);
    }
}
