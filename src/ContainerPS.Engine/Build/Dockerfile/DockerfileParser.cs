namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// The Dockerfile frontend's parser (Dockerfile reference, "Format", "Parser directives", "Here-Documents"): text in,
/// <see cref="DockerfileDocument"/> out, no variable expanded yet, since expansion needs the build arguments and each
/// stage's environment. Every fault throws <c>DockerfileParseError</c> naming the file and line.
/// </summary>
public static class DockerfileParser
{
    public static DockerfileDocument Parse(string text, string file = "Dockerfile")
    {
        IReadOnlyList<DockerfileInstruction> instructions = ParseInstructions(text, file, out DockerfileDirectives directives);
        return StageGrouper.Group(file, directives, instructions);
    }

    /// <summary>The instructions in source order, not yet grouped into stages (for tools that look at single lines).</summary>
    public static IReadOnlyList<DockerfileInstruction> ParseInstructions(string text, string file, out DockerfileDirectives directives)
    {
        var source = new SourceLines(text);
        directives = DirectiveReader.Read(source.All, file);
        var reader = new LogicalLineReader(source, directives.Escape);
        var instructions = new List<DockerfileInstruction>();
        while (reader.Next() is { } line) instructions.Add(InstructionReader.Read(line, source, file));
        return instructions;
    }
}
