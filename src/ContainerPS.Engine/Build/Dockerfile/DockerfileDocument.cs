namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// A parsed Dockerfile: its directives, the ARGs declared before the first FROM (Dockerfile reference, "Understand how
/// ARG and FROM interact"), and its stages in source order.
/// </summary>
public sealed record DockerfileDocument(
    string File,
    DockerfileDirectives Directives,
    IReadOnlyList<DockerfileInstruction> GlobalArgs,
    IReadOnlyList<DockerfileStage> Stages)
{
    /// <summary>The stage named <paramref name="name"/> (case-insensitive), or null.</summary>
    public DockerfileStage? FindStage(string name) =>
        Stages.FirstOrDefault(stage => string.Equals(stage.Name, name, StringComparison.OrdinalIgnoreCase));
}
