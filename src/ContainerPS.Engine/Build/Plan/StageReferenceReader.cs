using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// Finds where a stage uses another stage's files besides its FROM: <c>COPY --from</c> (Dockerfile reference, "COPY
/// --from") and the <c>from</c> of each <c>RUN --mount</c> (Dockerfile reference, "RUN --mount").
/// </summary>
public static class StageReferenceReader
{
    public static IReadOnlyList<StageReference> Read(DockerfileStage stage) =>
        stage.Instructions.SelectMany(ReferencesOf).ToList();

    private static IEnumerable<StageReference> ReferencesOf(DockerfileInstruction instruction) =>
        instruction.Keyword switch
        {
            "COPY" => CopyFrom(instruction),
            "RUN" => MountsFrom(instruction),
            _ => [],
        };

    private static IEnumerable<StageReference> CopyFrom(DockerfileInstruction instruction) =>
        instruction.Flag("from") is { Length: > 0 } from ? [new StageReference(from, instruction)] : [];

    private static IEnumerable<StageReference> MountsFrom(DockerfileInstruction instruction) =>
        instruction.FlagValues("mount")
            .Select(MountFrom.Of)
            .Where(from => !string.IsNullOrEmpty(from))
            .Select(from => new StageReference(from!, instruction));
}
