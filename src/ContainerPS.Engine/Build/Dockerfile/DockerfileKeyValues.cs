namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Reads the <c>key=value</c> lists of ENV and LABEL, with ENV's legacy <c>ENV key value with blanks</c> form, and
/// ARG's <c>name[=default]</c> list (Dockerfile reference, "ENV", "LABEL", "ARG"). The results are unexpanded; pass
/// keys and values through <see cref="DockerfileWords.Expand"/> with the stage's variables.
/// </summary>
public static class DockerfileKeyValues
{
    public static IReadOnlyList<DockerfileKeyValue> Read(DockerfileInstruction instruction, char escape = DockerfileDirectives.DefaultEscape) =>
        instruction.Keyword switch
        {
            "ARG" => ReadArgs(instruction, escape),
            "ENV" or "LABEL" => ReadPairs(instruction, escape),
            _ => throw DockerfileErrors.Parse(instruction.Location, $"{instruction.Keyword} has no key=value arguments"),
        };

    private static List<DockerfileKeyValue> ReadArgs(DockerfileInstruction instruction, char escape) =>
        Words(instruction, escape).Select(word => ArgOf(word, instruction.Location)).ToList();

    private static DockerfileKeyValue ArgOf(string word, SourceLocation at)
    {
        int equals = word.IndexOf('=');
        string name = equals < 0 ? word : word[..equals];
        if (name.Length == 0) throw DockerfileErrors.Parse(at, $"ARG names no variable in '{word}'");
        return new DockerfileKeyValue(name, equals < 0 ? null : word[(equals + 1)..]);
    }

    private static List<DockerfileKeyValue> ReadPairs(DockerfileInstruction instruction, char escape)
    {
        List<string> words = Words(instruction, escape);
        if (words.Count == 0) throw DockerfileErrors.Parse(instruction.Location, $"{instruction.Keyword} requires at least one argument");
        if (!words[0].Contains('=')) return [LegacyPair(instruction)];
        return words.Select(word => PairOf(word, instruction)).ToList();
    }

    /// <summary>Dockerfile reference, "ENV": <c>ENV MY_VAR my-value</c>, the whole rest of the line is the value.</summary>
    private static DockerfileKeyValue LegacyPair(DockerfileInstruction instruction)
    {
        string[] parts = instruction.Arguments.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) throw DockerfileErrors.Parse(instruction.Location, $"{instruction.Keyword} must have two arguments");
        return new DockerfileKeyValue(parts[0], parts[1].TrimStart());
    }

    private static DockerfileKeyValue PairOf(string word, DockerfileInstruction instruction)
    {
        int equals = word.IndexOf('=');
        if (equals < 0) throw DockerfileErrors.Parse(instruction.Location, $"syntax error - can't find = in '{word}'. Must be of the form: name=value");
        if (equals == 0) throw DockerfileErrors.Parse(instruction.Location, $"{instruction.Keyword} names no key in '{word}'");
        return new DockerfileKeyValue(word[..equals], word[(equals + 1)..]);
    }

    private static List<string> Words(DockerfileInstruction instruction, char escape) =>
        new QuotedWordSplitter(instruction.Arguments, escape).Split();
}
