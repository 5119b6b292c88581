namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// One <c>key=value</c> of an ENV, LABEL or ARG instruction, both still unexpanded, quotes included (Dockerfile
/// reference, "ENV", "LABEL", "ARG"). <see cref="Value"/> is null for an ARG declared without a default.
/// </summary>
public sealed record DockerfileKeyValue(string Key, string? Value);
