using System.Collections;
using System.Management.Automation;

namespace ContainerPS.Completion;

/// <summary>The word being completed and the values already on the command line, as completers need them.</summary>
internal static class CompletionWord
{
    /// <summary>The word without the quotes the user may have opened it with.</summary>
    public static string Unquote(string wordToComplete) => wordToComplete.Trim('\'', '"');

    /// <summary>Whether <paramref name="candidate"/> starts with the word, ignoring case.</summary>
    public static bool Starts(string candidate, string word) => candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>The names that start with the word, typed with or without their common prefix (<c>SIG</c>, <c>CAP_</c>).</summary>
    public static IEnumerable<CompletionResult> Names(IEnumerable<string> names, string prefix, string wordToComplete)
    {
        var word = Unquote(wordToComplete);
        return names
            .Where(name => Starts(name, word) || (name.StartsWith(prefix, StringComparison.Ordinal) && Starts(name[prefix.Length..], word)))
            .Select(name => Result(name, name, name));
    }

    /// <summary>The first string of a parameter already on the line (a string or an array of them), or null.</summary>
    public static string? FirstString(IDictionary boundParameters, string name) => Unwrap(boundParameters[name]) switch
    {
        string text => text,
        IEnumerable values => values.Cast<object?>().Select(Unwrap).OfType<string>().FirstOrDefault(),
        _ => null,
    };

    /// <summary>A -Credential already on the line; a user name is not one (turning it into one would prompt).</summary>
    public static PSCredential? Credential(IDictionary boundParameters) => Unwrap(boundParameters["Credential"]) as PSCredential;

    public static bool Switch(IDictionary boundParameters, string name) =>
        boundParameters.Contains(name) && LanguagePrimitives.IsTrue(Unwrap(boundParameters[name]));

    public static CompletionResult Result(string text, string listItem, string toolTip) =>
        new(text, listItem, CompletionResultType.ParameterValue, toolTip);

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
