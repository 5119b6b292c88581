namespace ContainerPS.Progress;

internal enum BuildEventKind
{
    StepStarted,
    StepCached,
    Output,
    Warning,
}
