using System.Text;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Variable substitution and word splitting as the Dockerfile reference defines them ("Environment replacement"):
/// <c>$name</c>, <c>${name}</c>, <c>${name:-word}</c>, <c>${name-word}</c>, <c>${name:+word}</c>, <c>${name+word}</c>,
/// <c>${name:?message}</c>, <c>${name?message}</c>; the escape character makes the next character literal; single
/// quotes suppress substitution; double quotes group but still substitute. One instance lexes one text.
/// </summary>
internal sealed class ShellLexer(string text, Func<string, string?> lookup, ShellLexerOptions options, SourceLocation? at)
{
    private const int End = -1;
    private int position;
    private bool rawEscapes = options.RawEscapes;

    public (string Text, List<string> Words) Run() => ReadUntil(End);

    private int Peek() => position < text.Length ? text[position] : End;

    private int Next() => position < text.Length ? text[position++] : End;

    private (string Text, List<string> Words) ReadUntil(int stop)
    {
        var result = new StringBuilder();
        var words = new WordCollector();
        while (Peek() != End)
        {
            if (Peek() == stop)
            {
                Next();
                return (result.ToString(), words.Words());
            }
            ReadPart(result, words);
        }
        if (stop != End) throw Fault(stop == '/' ? "syntax error: missing '/' in ${}" : "syntax error: missing '}'");
        return (result.ToString(), words.Words());
    }

    private void ReadPart(StringBuilder result, WordCollector words)
    {
        switch (Peek())
        {
            case '\'': AppendQuoted(result, words, ReadSingleQuoted()); break;
            case '"': AppendQuoted(result, words, ReadDoubleQuoted()); break;
            case '$': AppendExpanded(result, words, ReadDollar()); break;
            case '<' when options.JoinHeredocOperator && At(1) == '<': AppendQuoted(result, words, ReadHeredocOperator()); break;
            default: ReadPlain(result, words); break;
        }
    }

    private static void AppendQuoted(StringBuilder result, WordCollector words, string part)
    {
        result.Append(part);
        words.AddRaw(part);
    }

    private static void AppendExpanded(StringBuilder result, WordCollector words, string part)
    {
        result.Append(part);
        words.Add(part);
    }

    private int At(int offset) => position + offset < text.Length ? text[position + offset] : End;

    /// <summary><c>&lt;&lt;</c> or <c>&lt;&lt;-</c> with the blanks after it, so that the delimiter stays in the same word.</summary>
    private string ReadHeredocOperator()
    {
        int start = position;
        position += 2;
        if (Peek() == '-' && At(1) is ' ' or '\t') Next();
        while (Peek() is ' ' or '\t') Next();
        return text[start..position];
    }

    private void ReadPlain(StringBuilder result, WordCollector words)
    {
        char c = (char)Next();
        if (c != options.Escape)
        {
            result.Append(c);
            words.Add(c);
            return;
        }
        if (rawEscapes) AppendQuoted(result, words, c.ToString());
        int escaped = Next();
        if (escaped != End) AppendQuoted(result, words, ((char)escaped).ToString());
    }

    /// <summary>Everything up to the next single quote, literally; a single quote cannot be escaped inside one.</summary>
    private string ReadSingleQuoted()
    {
        var result = new StringBuilder();
        Next();
        if (options.RawQuotes) result.Append('\'');
        while (true)
        {
            int c = Next();
            if (c == End) throw Fault("unexpected end of statement while looking for matching single-quote");
            if (c == '\'') return options.RawQuotes ? result.Append('\'').ToString() : result.ToString();
            result.Append((char)c);
        }
    }

    /// <summary>Up to the next unescaped double quote, substituting variables; the escape character escapes only <c>"</c>, <c>$</c> and itself.</summary>
    private string ReadDoubleQuoted()
    {
        var result = new StringBuilder();
        Next();
        if (options.RawQuotes) result.Append('"');
        while (true)
        {
            int c = Peek();
            if (c == End) throw Fault("unexpected end of statement while looking for matching double-quote");
            if (c == '"') break;
            if (c == '$') result.Append(ReadDollar());
            else ReadDoubleQuotedChar(result);
        }
        Next();
        return options.RawQuotes ? result.Append('"').ToString() : result.ToString();
    }

    private void ReadDoubleQuotedChar(StringBuilder result)
    {
        char c = (char)Next();
        if (c == options.Escape)
        {
            if (rawEscapes) result.Append(c);
            int after = Peek();
            if (after == End) return;
            if (after == '"' || after == '$' || after == options.Escape) c = (char)Next();
        }
        result.Append(c);
    }

    private string ReadDollar()
    {
        Next();
        if (Peek() != '{') return ExpandBare();
        Next();
        int first = Peek();
        if (first == End) throw Fault("syntax error: missing '}'");
        if (first is '{' or '}' or ':') throw Fault("syntax error: bad substitution");
        string name = ReadName();
        int modifier = Next();
        return modifier switch
        {
            '}' => Lookup(name) ?? (options.KeepUnset ? $"${{{name}}}" : ""),
            ':' => ExpandModifier(name, Next(), emptyIsUnset: true),
            '-' or '+' or '?' => ExpandModifier(name, modifier, emptyIsUnset: false),
            '#' or '%' => TrimPattern(name, (char)modifier),
            '/' => ReplacePattern(name),
            End => throw Fault("syntax error: missing '}'"),
            _ => throw Fault($"unsupported modifier ({(char)modifier}) in substitution"),
        };
    }

    private string ExpandBare()
    {
        string name = ReadName();
        if (name.Length == 0) return "$";
        return Lookup(name) ?? (options.KeepUnset ? "$" + name : "");
    }

    /// <summary>The <c>-</c>, <c>+</c> and <c>?</c> modifiers; with a colon an empty value counts as unset.</summary>
    private string ExpandModifier(string name, int modifier, bool emptyIsUnset)
    {
        if (modifier is '#' or '%') return TrimPattern(name, (char)modifier);
        if (modifier is not ('-' or '+' or '?'))
        {
            string shown = modifier == End ? "" : ((char)modifier).ToString();
            throw Fault($"unsupported modifier (:{shown}) in substitution");
        }
        string word = ReadUntil('}').Text;
        string? value = Lookup(name);
        bool isSet = emptyIsUnset ? !string.IsNullOrEmpty(value) : value is not null;
        return modifier switch
        {
            '-' => isSet ? value! : word,
            '+' => isSet ? word : "",
            _ => isSet ? value! : throw Required(name, word, value is null),
        };
    }


    /// <summary><c>${name#pattern}</c> and <c>${name%pattern}</c> trim the shortest matching prefix or suffix, <c>##</c> and <c>%%</c> the longest.</summary>
    private string TrimPattern(string name, char modifier)
    {
        string pattern = ReadUntilKeepingEscapes('}');
        bool greedy = pattern.StartsWith(modifier);
        if (greedy) pattern = pattern[1..];
        string value = Lookup(name) ?? "";
        string? trimmed = modifier == '%' ? ShellPattern.TrimSuffix(pattern, value, greedy) : ShellPattern.TrimPrefix(pattern, value, greedy);
        return trimmed ?? throw Fault($"invalid pattern ({pattern}) in substitution");
    }

    /// <summary><c>${name/pattern/replacement}</c> replaces the first longest match, <c>${name//pattern/replacement}</c> every one.</summary>
    private string ReplacePattern(string name)
    {
        bool all = Peek() == '/';
        if (all) Next();
        string pattern = ReadUntilKeepingEscapes('/');
        string replacement = ReadUntilKeepingEscapes('}');
        string? replaced = ShellPattern.Replace(pattern, Lookup(name) ?? "", replacement, all);
        return replaced ?? throw Fault($"invalid pattern ({pattern}) in substitution");
    }

    /// <summary>Patterns keep their escape characters, because the pattern syntax gives them meaning.</summary>
    private string ReadUntilKeepingEscapes(int stop)
    {
        bool saved = rawEscapes;
        rawEscapes = true;
        try { return ReadUntil(stop).Text; }
        finally { rawEscapes = saved; }
    }

    private Errors.ContainerPSException Required(string name, string message, bool unset)
    {
        string text = message.Length > 0 ? message : unset ? "is not allowed to be unset" : "is not allowed to be empty";
        return DockerfileErrors.Required(at, name, text);
    }

    private string? Lookup(string name) => lookup(name);

    private Errors.ContainerPSException Fault(string message) => DockerfileErrors.Parse(at, $"failed to process \"{text}\": {message}");

    /// <summary>A name is letters, digits and underscores; a leading digit run or one special parameter (<c>$@</c>, <c>$#</c>, ...) stands alone, as in sh.</summary>
    private string ReadName()
    {
        var name = new StringBuilder();
        while (Peek() != End)
        {
            char c = (char)Peek();
            if (name.Length == 0 && char.IsDigit(c)) return ReadDigits();
            if (name.Length == 0 && IsSpecialParameter(c)) return ((char)Next()).ToString();
            if (!char.IsLetterOrDigit(c) && c != '_') break;
            name.Append((char)Next());
        }
        return name.ToString();
    }

    private string ReadDigits()
    {
        var digits = new StringBuilder();
        while (Peek() != End && char.IsDigit((char)Peek())) digits.Append((char)Next());
        return digits.ToString();
    }

    private static bool IsSpecialParameter(char c) => c is '@' or '*' or '#' or '?' or '-' or '$' or '!' or '0';
}
