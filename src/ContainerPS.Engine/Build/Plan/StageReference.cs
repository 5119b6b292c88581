using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// A <c>COPY --from=</c> or <c>RUN --mount=...,from=</c> value (Dockerfile reference, "COPY --from", "RUN --mount"):
/// a stage name, a stage index, or an image reference. The value is taken as written, unexpanded.
/// </summary>
public sealed record StageReference(string Value, DockerfileInstruction Instruction);
