namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// One instruction after continuation lines are joined (Dockerfile reference, "Format"). <see cref="Keyword"/> is upper
/// case whatever the source's case; <see cref="Arguments"/> is the text after the keyword and its flags, unexpanded;
/// <see cref="JsonForm"/> is set when the instruction takes the exec form and the arguments are a JSON array of strings
/// (Dockerfile reference, "Shell and exec form"). <see cref="Trigger"/> is the instruction an ONBUILD records.
/// </summary>
public sealed record DockerfileInstruction(
    string Keyword,
    IReadOnlyList<DockerfileFlag> Flags,
    string Arguments,
    IReadOnlyList<string>? JsonForm,
    IReadOnlyList<DockerfileHeredoc> Heredocs,
    SourceLocation Location,
    int EndLine)
{
    public DockerfileInstruction? Trigger { get; init; }

    public int Line => Location.Line;

    public bool IsJsonForm => JsonForm is not null;

    /// <summary>The value of the last <c>--name</c> flag given (a later flag wins, as in BuildKit), "" for a bare flag, or null.</summary>
    public string? Flag(string name) =>
        Flags.LastOrDefault(flag => flag.Name == name) is { } flag ? flag.Value ?? "" : null;

    public bool HasFlag(string name) => Flags.Any(flag => flag.Name == name);
}
