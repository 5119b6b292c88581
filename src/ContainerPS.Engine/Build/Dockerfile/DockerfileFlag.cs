namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// One <c>--name=value</c> or bare <c>--name</c> before an instruction's arguments (Dockerfile reference, e.g. "COPY --from",
/// "RUN --mount"). <see cref="Value"/> is null for a bare flag, which BuildKit reads as a boolean <c>true</c>.
/// </summary>
public sealed record DockerfileFlag(string Name, string? Value);
