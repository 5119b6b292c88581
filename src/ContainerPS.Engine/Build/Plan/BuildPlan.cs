namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// The stages a build runs, dependencies before dependents, the target last (Dockerfile reference, "Multi-stage
/// builds", "Stop at a specific build stage"). Stages the target does not need are left out, as BuildKit skips them.
/// </summary>
public sealed record BuildPlan(IReadOnlyList<PlannedStage> Stages)
{
    public PlannedStage Target => Stages[^1];
}
