namespace ContainerPS.Engine.Build.Execution;

/// <summary>What a build tells its caller as it goes: Build-Image turns these into progress, information and warning records.</summary>
public interface IBuildReporter
{
    void StepStarted(BuildStep step);

    /// <summary>The step's result came from the cache: nothing ran.</summary>
    void StepCached(BuildStep step);

    /// <summary>A line a RUN step's process wrote, stdout or stderr.</summary>
    void Output(BuildStep step, string line);

    void Warning(string message);
}
