using System.Text;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Images;

/// <summary>
/// The two argument forms a Dockerfile instruction takes (Dockerfile reference, "Shell and exec form"): a JSON array of
/// strings, or words split on blanks where double or single quotes group and a backslash escapes the next character.
/// </summary>
internal static class ChangeWords
{
    /// <summary>The JSON array form, or null when <paramref name="text"/> is not one (Docker then reads it as shell form).</summary>
    public static string[]? JsonForm(string text) => Build.Dockerfile.ExecForm.Read(text).Words;

    public static List<string> Split(string text, string change)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote == '\0' && char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\\' && quote != '\'' && i + 1 < text.Length) word.Append(text[++i]);
            else if (quote == '\0' && c is '"' or '\'') quote = c;
            else if (c == quote) quote = '\0';
            else word.Append(c);
        }
        if (quote != '\0') throw Fail.InvalidArgument("InvalidChange", $"The change '{change}' has an unterminated quote.", change);
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
