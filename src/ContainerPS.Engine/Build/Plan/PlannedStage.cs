using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// One stage the target needs (Dockerfile reference, "Multi-stage builds"): its expanded FROM, the earlier stage it
/// builds on when the FROM names one, the stage indexes it depends on (base, <c>COPY --from</c>, <c>RUN --mount from</c>),
/// and the image references its <c>--from</c> values name, which the executor pulls. Stages whose dependencies are
/// built may run concurrently.
/// </summary>
public sealed record PlannedStage(
    DockerfileStage Stage,
    StageFrom From,
    int? BaseStage,
    IReadOnlySet<int> DependsOn,
    IReadOnlyList<string> ExternalImages)
{
    public int Index => Stage.Index;

    /// <summary>The name BuildKit shows for the stage: its <c>AS</c> name, else <c>stage-N</c>.</summary>
    public string DisplayName => StageNames.Display(Stage);
}
