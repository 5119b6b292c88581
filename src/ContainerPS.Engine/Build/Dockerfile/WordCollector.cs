using System.Text;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Splits the lexer's output into words the way BuildKit's shell lexer does: blanks from plain text and from unquoted
/// expansions separate words, while quoted text (and escaped characters) is kept whole, blanks included
/// (Dockerfile reference, "Environment replacement").
/// </summary>
internal sealed class WordCollector
{
    private readonly List<string> words = [];
    private readonly StringBuilder word = new();
    private bool inWord;

    /// <summary>A character that splits words when it is a blank.</summary>
    public void Add(char c)
    {
        if (!char.IsWhiteSpace(c)) AddRaw(c);
        else if (inWord && word.Length > 0) EndWord();
    }

    /// <summary>Expanded text that is not quoted, so blanks in it split words.</summary>
    public void Add(string text)
    {
        foreach (char c in text) Add(c);
    }

    /// <summary>A character kept in the word even when it is a blank (it was escaped).</summary>
    public void AddRaw(char c)
    {
        word.Append(c);
        inWord = true;
    }

    /// <summary>Quoted text, kept in the current word as a whole.</summary>
    public void AddRaw(string text)
    {
        word.Append(text);
        inWord = true;
    }

    public List<string> Words()
    {
        if (word.Length > 0) EndWord();
        return words;
    }

    private void EndWord()
    {
        words.Add(word.ToString());
        word.Clear();
        inWord = false;
    }
}
