using System.Text;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Splits ENV, LABEL and ARG arguments into <c>key=value</c> words at blanks outside quotes, keeping the quotes and
/// escapes in the words, because substitution removes them later (Dockerfile reference, "ENV": "quotes and
/// backslashes can be used to include spaces within values"). Inside single quotes the escape character is literal.
/// </summary>
internal sealed class QuotedWordSplitter(string text, char escape)
{
    private readonly List<string> words = [];
    private readonly StringBuilder word = new();
    private bool hasQuote;
    private char quote;

    public List<string> Split()
    {
        for (int position = 0; position < text.Length; position++)
        {
            if (quote == '\0') position = Unquoted(position);
            else position = Quoted(position);
        }
        EndWord();
        return words;
    }

    private int Unquoted(int position)
    {
        char c = text[position];
        if (char.IsWhiteSpace(c)) EndWord();
        else if (c == escape) return Escaped(position);
        else
        {
            if (c is '\'' or '"') (quote, hasQuote) = (c, true);
            word.Append(c);
        }
        return position;
    }

    private int Quoted(int position)
    {
        char c = text[position];
        if (c == quote) quote = '\0';
        else if (c == escape && quote != '\'') return Escaped(position);
        word.Append(c);
        return position;
    }

    /// <summary>The escape character and the one it escapes stay together in the word; a trailing one is dropped.</summary>
    private int Escaped(int position)
    {
        if (position + 1 >= text.Length) return position;
        word.Append(text[position]).Append(text[position + 1]);
        return position + 1;
    }

    private void EndWord()
    {
        if (word.Length > 0 || hasQuote) words.Add(word.ToString());
        word.Clear();
        hasQuote = false;
    }
}
