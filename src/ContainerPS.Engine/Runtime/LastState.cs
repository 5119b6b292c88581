using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.State;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// What a container last was when the supervisor's state in /run is gone, a reboot being the usual reason: the
/// monitor's copy in the store (<see cref="ContainerPaths.LastStateFile"/>, docs/runtime-contract.md "State that
/// survives"). A container that ended before has its exit code and times; one that was running or paused when the
/// host went down has exited with no exit code, as docker shows it after a reboot; one that was only set up
/// (created, waiting for start) is as if never started.
/// </summary>
internal static class LastState
{
    public static ContainerState? Read(ContainerPaths paths)
    {
        ContainerState? copy;
        try
        {
            copy = JsonSerializer.Deserialize(File.ReadAllBytes(paths.LastStateFile), RuntimeJsonContext.Default.ContainerState);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null; // never run with a copy (an older container, or -AutoRemove), or a foreign file
        }
        return copy?.Status switch
        {
            ContainerStatus.Stopped => copy,
            ContainerStatus.Running or ContainerStatus.Paused => copy with
            {
                Status = ContainerStatus.Stopped, ExitCode = null, OomKilled = false,
                Error = $"The host restarted (or the supervisor was killed and its state removed) while the container was {copy.Status}: its exit code is unknown.",
            },
            _ => null,
        };
    }
}
