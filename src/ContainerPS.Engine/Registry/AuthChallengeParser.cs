using System.Text;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Parses a <c>WWW-Authenticate</c> value into challenges (RFC 7235 section 4.1):
/// <c>Bearer realm="https://a/token",service="reg", Basic realm="x"</c>. Parameter names are case-insensitive;
/// values are tokens or quoted strings with backslash escapes. Malformed input yields what could be read, never throws.
/// </summary>
internal static class AuthChallengeParser
{
    public static IEnumerable<AuthChallenge> Parse(string header)
    {
        var reader = new Cursor(header);
        var result = new List<AuthChallenge>();
        while (true)
        {
            reader.SkipSeparators();
            var scheme = reader.ReadToken();
            if (scheme.Length == 0) break;
            result.Add(new AuthChallenge(scheme, ReadParameters(reader)));
        }
        return result;
    }

    private static Dictionary<string, string> ReadParameters(Cursor reader)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            reader.SkipSeparators();
            var mark = reader.Position;
            var name = reader.ReadToken();
            reader.SkipSpaces();
            if (name.Length == 0 || !reader.TryConsume('='))
            {
                // Not "name=": the start of the next challenge (or garbage); hand it back.
                reader.Position = mark;
                return parameters;
            }
            reader.SkipSpaces();
            var value = reader.Peek() == '"' ? reader.ReadQuoted() : reader.ReadToken();
            parameters.TryAdd(name, value);
        }
    }

    private sealed class Cursor(string text)
    {
        public int Position { get; set; }

        public char Peek() => Position < text.Length ? text[Position] : '\0';

        public bool TryConsume(char c)
        {
            if (Peek() != c) return false;
            Position++;
            return true;
        }

        public void SkipSpaces()
        {
            while (Peek() is ' ' or '\t') Position++;
        }

        public void SkipSeparators()
        {
            while (Peek() is ' ' or '\t' or ',') Position++;
        }

        public string ReadToken()
        {
            var start = Position;
            while (Position < text.Length && IsTokenChar(text[Position])) Position++;
            return text[start..Position];
        }

        public string ReadQuoted()
        {
            var value = new StringBuilder();
            Position++; // opening quote
            while (Position < text.Length && text[Position] != '"')
            {
                if (text[Position] == '\\' && Position + 1 < text.Length) Position++;
                value.Append(text[Position++]);
            }
            TryConsume('"'); // the closing quote, when the header has one
            return value.ToString();
        }

        // RFC 7230 tchar, plus '/' so that token68-style values survive.
        private static bool IsTokenChar(char c) =>
            char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~/:".Contains(c);
    }
}
