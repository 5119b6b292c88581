using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `update [--resources FILE|-] [--memory ...] ID` (runc-update(8)): new cgroup limits for a created, running or
/// paused container, on v1 and v2, by the writers create uses. The limits in force are config.json's
/// linux.resources, or what the last update left (resources.json in the state directory); the update is merged over
/// them field by field and the whole set written, as runc does.
/// </summary>
internal static class UpdateCommand
{
    public static int Run(CommandLine line)
    {
        var update = ResourceFlags.Read(line); // bad input fails before the container is looked at
        var directory = new StateDirectory(line.Root, line.Id);
        var state = LiveState.Read(directory);
        if (state.Status == ContainerStatus.Stopped) throw ShimException.NotRunning(directory.Id);
        var resources = ResourcesMerge.Over(InForce(directory, state), update);
        var cgroup = PauseCommand.OpenCgroup(directory);
        try { cgroup.Update(resources); }
        catch (CgroupException e) { throw new ShimException(ExitCodes.Failure, $"update: {e.Message}"); }
        catch (IOException e) { throw new ShimException(ExitCodes.Failure, $"update: cgroup {cgroup.Path}: {e.Message}"); }
        directory.WriteResources(resources);
        return ExitCodes.Success;
    }

    /// <summary>The bundle may be gone (its owner's to remove once created): then only what an update recorded counts.</summary>
    private static ResourcesSpec InForce(StateDirectory directory, ContainerState state)
    {
        if (directory.ReadResources() is { } updated) return updated;
        bool bundled = state.Bundle.Length > 0 && File.Exists(Path.Combine(state.Bundle, "config.json"));
        return (bundled ? BundleLoader.Load(state.Bundle).Linux.Resources : null) ?? new ResourcesSpec();
    }
}
