using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.State;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `pause ID` / `resume ID` (runc-pause(8), runc-resume(8)): freeze or thaw every process of the container's cgroup
/// (v1 freezer.state, v2 cgroup.freeze: Runtime/Cgroups/CgroupFreezer). Pause needs a running container, resume a
/// paused one, as runc checks.
/// </summary>
internal static class PauseCommand
{
    public static int Run(CommandLine line, bool freeze)
    {
        var directory = new StateDirectory(line.Root, line.Id);
        var state = LiveState.Read(directory);
        string expected = freeze ? ContainerStatus.Running : ContainerStatus.Paused;
        if (state.Status != expected) throw new ShimException(ExitCodes.WrongState, $"container '{directory.Id}' is {state.Status}, not {expected}");
        var cgroup = OpenCgroup(directory);
        try
        {
            if (freeze)
            {
                // Freeze's handle thaws when disposed; a paused container stays frozen after this process exits.
                _ = cgroup.Freezer.Freeze();
                PausedMarker.Set(directory.Path);
            }
            else
            {
                cgroup.Freezer.Thaw();
                PausedMarker.Clear(directory.Path);
            }
        }
        catch (CgroupException e) { throw new ShimException(ExitCodes.Failure, e.Message); }
        return ExitCodes.Success;
    }

    public static Cgroup OpenCgroup(StateDirectory directory) =>
        directory.ReadCgroupPath() is { Length: > 0 } path ? new CgroupsAdapter().Open(path)
            : throw new ShimException(ExitCodes.Failure, $"container '{directory.Id}' has no cgroup recorded");
}
