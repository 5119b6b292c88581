using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.State;

namespace ContainerPS.Shim.State;

/// <summary>
/// state.json as recorded, with what only the processes can tell. A monitor that is alive keeps the record true. An
/// unmonitored container (supervisorPid 0: docs/runtime-contract.md "Runtime and monitor") is what its init is, as
/// with runc: created or running while the init lives, stopped once it has exited (even unreaped), with no exit code,
/// which only the caller that reaps it learns. A monitor that is gone without recording the end (killed, host crash)
/// leaves the same rule, and an error saying so.
/// </summary>
internal static class LiveState
{
    public static ContainerState Read(StateDirectory directory)
    {
        var state = directory.Read();
        if (state.Status == ContainerStatus.Stopped) return state;
        if (SupervisorAlive(state) || ProcessIdentity.IsAlive(state.Pid, state.PidStartTime)) return PausedMarker.Apply(state, directory.Path);
        // The record was read before the processes were looked at: a monitor that recorded the end and exited in
        // between left the final state, so it is read once more before the end is called unrecorded.
        var settled = directory.Read();
        if (settled.Status == ContainerStatus.Stopped) return settled;
        string? error = state.SupervisorPid > 0 ? "the supervisor exited without recording the container's end" : null;
        return state with { Status = ContainerStatus.Stopped, Error = state.Error ?? error };
    }

    public static bool SupervisorAlive(ContainerState state) =>
        state.SupervisorPid > 0 && ProcessIdentity.IsAlive(state.SupervisorPid, state.SupervisorStartTime);
}
