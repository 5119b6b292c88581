namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// A build stage: a FROM and the instructions up to the next FROM (Dockerfile reference, "FROM" and "Multi-stage builds").
/// <see cref="BaseImage"/> and <see cref="Platform"/> are unexpanded, because they may use the ARGs declared before the
/// first FROM; <see cref="Name"/> is the lower-cased <c>AS name</c>, since stage names are case-insensitive.
/// </summary>
public sealed record DockerfileStage(
    int Index,
    string BaseImage,
    string? Name,
    string? Platform,
    DockerfileInstruction From,
    IReadOnlyList<DockerfileInstruction> Instructions)
{
    public int Line => From.Line;
}
