using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// The stable errors of stage planning: <c>UnknownStage</c> for a <c>--target</c> no stage is named, or a stage index
/// out of range (Dockerfile reference, "COPY --from"); <c>StageCycle</c> when stages depend on each other in a circle,
/// which BuildKit reports as "circular dependency detected on stage".
/// </summary>
public static class StagePlanErrors
{
    public const string UnknownStageId = "UnknownStage";

    public const string StageCycleId = "StageCycle";

    public const string NoStageId = "NoBuildStage";

    public static ContainerPSException UnknownTarget(string target) =>
        Fail.NotFound(UnknownStageId, $"target stage '{target}' could not be found", target);

    public static ContainerPSException IndexOutOfRange(StageReference reference, int stageCount) =>
        Fail.NotFound(UnknownStageId,
            $"{reference.Instruction.Location}: stage index {reference.Value} is out of range, the Dockerfile has {stageCount} stage(s)",
            reference.Value);

    public static ContainerPSException Cycle(string stageName) =>
        Fail.InvalidArgument(StageCycleId, $"circular dependency detected on stage: {stageName}", stageName);

    public static ContainerPSException NoStage(string file) =>
        Fail.InvalidArgument(NoStageId, $"{file}: the Dockerfile contains no stage to build", file);
}
