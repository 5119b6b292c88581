using System.Management.Automation;

namespace ContainerPS.Progress;

/// <summary>
/// Shows a build on a pipeline's streams: each step as progress (<c>Step 3/9: RUN make</c>) and as a verbose line
/// (with <c>Using cache</c> when it was), RUN output as information records tagged PSHOST, so they show like
/// Write-Host output by default and are caught by -InformationVariable (tags: <c>ContainerPS.Build</c>, the stage).
/// </summary>
internal sealed class BuildProgressView(
    Action<ProgressRecord> writeProgress, Action<InformationRecord> writeInformation, Action<string> writeVerbose, Action<string> writeWarning)
{
    private const int ActivityId = 41;
    private const string Activity = "Build-Image";
    public const string InformationTag = "ContainerPS.Build";

    public void Show(IReadOnlyList<BuildEvent> batch)
    {
        foreach (var item in batch) Show(item);
    }

    public void Complete() => writeProgress(new ProgressRecord(ActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });

    private void Show(BuildEvent item)
    {
        switch (item.Kind)
        {
            case BuildEventKind.StepStarted:
                var step = item.Step!;
                writeProgress(new ProgressRecord(ActivityId, Activity, Shorten(item.Text)) { PercentComplete = Math.Min(100, (step.Number - 1) * 100 / step.Total) });
                writeVerbose($"[{step.Stage}] {item.Text}");
                break;
            case BuildEventKind.StepCached:
                writeVerbose($"[{item.Step!.Stage}] {item.Text}: using cache");
                break;
            case BuildEventKind.Output:
                var record = new InformationRecord(new HostInformationMessage { Message = item.Text }, Activity);
                record.Tags.Add("PSHOST");
                record.Tags.Add(InformationTag);
                record.Tags.Add(item.Step!.Stage);
                writeInformation(record);
                break;
            case BuildEventKind.Warning:
                writeWarning(item.Text);
                break;
        }
    }

    /// <summary>A progress line stays on one line: the first line of a step, at most 100 characters.</summary>
    private static string Shorten(string text)
    {
        var line = text.Split('\n', 2)[0];
        return line.Length <= 100 ? line : line[..99] + "…";
    }
}
