using System.Globalization;
using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// Resolves the stage graph of a Dockerfile and orders the stages a target needs (Dockerfile reference, "Multi-stage
/// builds", "FROM", "COPY --from", "RUN --mount"). Following BuildKit's dockerfile2llb: a FROM names a stage only when
/// an earlier stage has that name (else it is an image, so FROM cannot form a cycle); a <c>--from</c> names any stage
/// by name (case-insensitive) or index, earlier or later, else it is an image reference; a circle of <c>--from</c>
/// references anywhere in the file is <c>StageCycle</c>, even when the target does not need it.
/// </summary>
public static class StagePlanner
{
    /// <summary>Plans the build of <paramref name="target"/> (the last stage when null); <paramref name="globals"/> expands FROM lines.</summary>
    public static BuildPlan Plan(DockerfileDocument document, GlobalArgumentScope globals, string? target = null)
    {
        if (document.Stages.Count == 0) throw StagePlanErrors.NoStage(document.File);
        int targetIndex = TargetIndex(document, target);
        List<PlannedStage> stages = document.Stages.Select(stage => PlanStage(document, globals, stage)).ToList();
        StageCycleDetector.ThrowOnCycle(stages);
        return new BuildPlan(DependencyOrder(stages, targetIndex));
    }

    /// <summary>Dockerfile reference, "Stop at a specific build stage": <c>--target</c> names a stage, case-insensitive.</summary>
    private static int TargetIndex(DockerfileDocument document, string? target)
    {
        if (target is null) return document.Stages.Count - 1;
        return document.FindStage(target)?.Index ?? throw StagePlanErrors.UnknownTarget(target);
    }

    private static PlannedStage PlanStage(DockerfileDocument document, GlobalArgumentScope globals, DockerfileStage stage)
    {
        StageFrom from = globals.ExpandFrom(stage);
        int? baseStage = EarlierStageNamed(document, stage, from.BaseImage);
        var dependsOn = new SortedSet<int>();
        if (baseStage is { } index) dependsOn.Add(index);
        var externalImages = new List<string>();
        foreach (StageReference reference in StageReferenceReader.Read(stage))
        {
            if (ResolveReference(document, reference) is { } referenced) dependsOn.Add(referenced);
            else externalImages.Add(reference.Value);
        }
        return new PlannedStage(stage, from, baseStage, dependsOn, externalImages);
    }

    /// <summary>Dockerfile reference, "FROM": the <c>AS name</c> "can be used in subsequent FROM" instructions only.</summary>
    private static int? EarlierStageNamed(DockerfileDocument document, DockerfileStage stage, string baseImage) =>
        document.Stages.Take(stage.Index).LastOrDefault(earlier => IsNamed(earlier, baseImage))?.Index;

    /// <summary>The stage a <c>--from</c> names, or null when it names an image.</summary>
    private static int? ResolveReference(DockerfileDocument document, StageReference reference)
    {
        if (document.FindStage(reference.Value) is { } named) return named.Index;
        if (!int.TryParse(reference.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index)) return null;
        if (index >= document.Stages.Count) throw StagePlanErrors.IndexOutOfRange(reference, document.Stages.Count);
        return index;
    }

    private static bool IsNamed(DockerfileStage stage, string name) =>
        string.Equals(stage.Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Depth-first from the target: each stage after the stages it depends on, unneeded stages left out.</summary>
    private static List<PlannedStage> DependencyOrder(List<PlannedStage> stages, int targetIndex)
    {
        var ordered = new List<PlannedStage>();
        var visited = new HashSet<int>();
        Visit(stages, targetIndex, visited, ordered);
        return ordered;
    }

    private static void Visit(List<PlannedStage> stages, int index, HashSet<int> visited, List<PlannedStage> ordered)
    {
        if (!visited.Add(index)) return;
        foreach (int dependency in stages[index].DependsOn) Visit(stages, dependency, visited, ordered);
        ordered.Add(stages[index]);
    }
}
