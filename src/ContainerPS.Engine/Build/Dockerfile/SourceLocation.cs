namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// Where an instruction starts: the Dockerfile's name and its 1-based line. Every parse error names it, so a user finds
/// the line as <c>docker build</c> reports it (issue 12, "DockerfileParseError with file and line").
/// </summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
