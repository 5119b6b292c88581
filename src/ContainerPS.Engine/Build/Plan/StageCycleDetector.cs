namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// Refuses stages that depend on themselves, directly (<c>COPY --from</c> its own name) or through later stages,
/// since no order could build them; BuildKit checks every stage of the file, not only those the target needs.
/// </summary>
internal static class StageCycleDetector
{
    public static void ThrowOnCycle(IReadOnlyList<PlannedStage> stages)
    {
        var finished = new HashSet<int>();
        var onPath = new HashSet<int>();
        foreach (PlannedStage stage in stages) Visit(stages, stage.Index, finished, onPath);
    }

    private static void Visit(IReadOnlyList<PlannedStage> stages, int index, HashSet<int> finished, HashSet<int> onPath)
    {
        if (finished.Contains(index)) return;
        if (!onPath.Add(index)) throw StagePlanErrors.Cycle(stages[index].DisplayName);
        foreach (int dependency in stages[index].DependsOn) Visit(stages, dependency, finished, onPath);
        onPath.Remove(index);
        finished.Add(index);
    }
}
