using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Cgroups;

namespace ContainerPS.Engine.Runtime.Commit;

/// <summary>
/// Freezes a running container's cgroup for as long as its files are read (docker commit --pause), so the layer is
/// one moment of the container rather than a mix of before and after its writes. A container that is not running
/// has nothing to freeze.
/// </summary>
internal static class ContainerPause
{
    public static IDisposable? FreezeIfRunning(ContainerRecord record, StateRoot state, CancellationToken ct)
    {
        if (LiveStatus.Of(state.Read(record.Id)) != ContainerStatusKind.Running) return null;
        try
        {
            return CgroupHost.Detect().Open(state.CgroupPathOf(record.Id)).Freezer.Freeze(ct);
        }
        catch (CgroupException e) when (e.ErrorId == CgroupErrorIds.NotFound)
        {
            return null; // it exited meanwhile and the supervisor removed its cgroup: nothing runs to change the files
        }
        catch (CgroupException e)
        {
            throw Fail.FailedPrecondition("ContainerPauseFailed",
                $"Container '{record.Name}' could not be paused for the commit: {e.Message} Use -Pause:$false to commit without pausing.", record.Name, e);
        }
    }
}
