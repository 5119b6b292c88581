using ContainerPS.Engine.Build.Execution;

namespace ContainerPS.Progress;

/// <summary>The engine's build reporter as queued events (<see cref="ProgressPump"/>), since the build reports from worker threads.</summary>
internal sealed class BuildEventReporter(IProgress<BuildEvent> queue) : IBuildReporter
{
    public void StepStarted(BuildStep step) => queue.Report(new BuildEvent(BuildEventKind.StepStarted, step, step.ToString()));

    public void StepCached(BuildStep step) => queue.Report(new BuildEvent(BuildEventKind.StepCached, step, step.ToString()));

    public void Output(BuildStep step, string line) => queue.Report(new BuildEvent(BuildEventKind.Output, step, line));

    public void Warning(string message) => queue.Report(new BuildEvent(BuildEventKind.Warning, null, message));
}
