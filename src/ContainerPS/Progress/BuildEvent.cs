using ContainerPS.Engine.Build.Execution;

namespace ContainerPS.Progress;

/// <summary>What a build reported, queued for the pipeline thread: a step started or was cached, a line of RUN output, a warning.</summary>
internal sealed record BuildEvent(BuildEventKind Kind, BuildStep? Step, string Text);
