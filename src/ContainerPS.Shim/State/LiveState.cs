using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.State;

/// <summary>
/// state.json as recorded, corrected when its supervisor is gone without recording the end (killed, host crash):
/// a container whose init is gone too is reported stopped, with no exit code (it is unknown).
/// </summary>
internal static class LiveState
{
    public static ContainerState Read(StateDirectory directory)
    {
        var state = directory.Read();
        if (state.Status == ContainerStatus.Stopped) return state;
        if (ProcessIdentity.IsAlive(state.SupervisorPid, state.SupervisorStartTime)) return Paused(directory, state);
        if (state.Pid > 0 && ProcessIdentity.IsAlive(state.Pid, state.PidStartTime)) return state;
        return state with { Status = ContainerStatus.Stopped, Error = state.Error ?? "the supervisor exited without recording the container's end" };
    }

    private static ContainerState Paused(StateDirectory directory, ContainerState state) =>
        state.Status == ContainerStatus.Running && PausedMarker.IsSet(directory) ? state with { Status = PausedMarker.Paused } : state;

    public static bool SupervisorAlive(ContainerState state) => ProcessIdentity.IsAlive(state.SupervisorPid, state.SupervisorStartTime);
}
