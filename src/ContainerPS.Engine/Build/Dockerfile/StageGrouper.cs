using System.Text.RegularExpressions;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Groups instructions into stages (Dockerfile reference, "FROM" and "Understand how ARG and FROM interact"): only ARG
/// may come before the first FROM; each FROM is <c>image [AS name]</c> with an optional <c>--platform</c>; stage names
/// are case-insensitive, start with a letter and are unique.
/// </summary>
internal static partial class StageGrouper
{
    public static DockerfileDocument Group(string file, DockerfileDirectives directives, IReadOnlyList<DockerfileInstruction> instructions)
    {
        if (instructions.Count == 0) throw DockerfileErrors.Parse(new SourceLocation(file, 1), "the Dockerfile has no instructions");
        var globalArgs = new List<DockerfileInstruction>();
        var stages = new List<DockerfileStage>();
        DockerfileInstruction? from = null;
        var body = new List<DockerfileInstruction>();
        foreach (DockerfileInstruction instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                if (from is not null) stages.Add(StageOf(stages, from, body));
                (from, body) = (instruction, []);
            }
            else if (from is not null) body.Add(instruction);
            else if (instruction.Keyword == "ARG") globalArgs.Add(instruction);
            else throw DockerfileErrors.Parse(instruction.Location, $"{instruction.Keyword} before the first FROM: only ARG may precede FROM (no build stage in current context)");
        }
        if (from is null) throw DockerfileErrors.Parse(globalArgs[^1].Location, "the Dockerfile has no FROM, so no stage to build");
        stages.Add(StageOf(stages, from, body));
        return new DockerfileDocument(file, directives, globalArgs, stages);
    }

    private static DockerfileStage StageOf(List<DockerfileStage> earlier, DockerfileInstruction from, List<DockerfileInstruction> body)
    {
        string[] words = from.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        bool named = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase);
        if (words.Length != 1 && !named) throw DockerfileErrors.Parse(from.Location, "FROM requires either one argument, or three: FROM <image> AS <name>");
        string? name = named ? StageName(words[2], from.Location) : null;
        if (name is not null && earlier.Any(stage => stage.Name == name)) throw DockerfileErrors.Parse(from.Location, $"duplicate stage name '{name}'");
        return new DockerfileStage(earlier.Count, words[0], name, from.Flag("platform"), from, body);
    }

    private static string StageName(string word, SourceLocation at)
    {
        string name = word.ToLowerInvariant();
        return StageNamePattern().IsMatch(name) ? name
            : throw DockerfileErrors.Parse(at, $"invalid name for build stage: '{word}', name can't start with a number or contain symbols");
    }

    [GeneratedRegex(@"^[a-z][a-z0-9\-_\.]*$")]
    private static partial Regex StageNamePattern();
}
