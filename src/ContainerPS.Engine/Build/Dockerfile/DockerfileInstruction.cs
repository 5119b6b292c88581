namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// One instruction after continuation lines are joined (Dockerfile reference, "Format"). <see cref="Keyword"/> is upper
/// case whatever the source's case; <see cref="Arguments"/> is the text after the keyword and its flags, unexpanded;
/// <see cref="JsonForm"/> is set when the instruction takes the exec form and the arguments are a JSON array of strings
/// (Dockerfile reference, "Shell and exec form"). <see cref="Subcommand"/> is the instruction an ONBUILD records or a HEALTHCHECK runs.
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
    /// <summary>The instruction an ONBUILD records, or the <c>CMD</c> of a <c>HEALTHCHECK CMD</c> (null for <c>HEALTHCHECK NONE</c>).</summary>
    public DockerfileInstruction? Subcommand { get; init; }

    public int Line => Location.Line;

    public bool IsJsonForm => JsonForm is not null;

    /// <summary>The value of the <c>--name</c> flag, "" for a bare boolean flag, or null when it is absent.</summary>
    public string? Flag(string name) =>
        Flags.FirstOrDefault(flag => flag.Name == name) is { } flag ? flag.Value ?? "" : null;

    /// <summary>Every value of a flag that may repeat, such as RUN's <c>--mount</c> or COPY's <c>--exclude</c>.</summary>
    public IEnumerable<string> FlagValues(string name) =>
        Flags.Where(flag => flag.Name == name).Select(flag => flag.Value ?? "");

    public bool HasFlag(string name) => Flags.Any(flag => flag.Name == name);
}
