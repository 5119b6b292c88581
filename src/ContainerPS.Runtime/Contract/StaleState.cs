using ContainerPS.Runtime.State;

namespace ContainerPS.Runtime.Contract;

/// <summary>
/// The one exception to "state.json is the truth" (docs/runtime-contract.md): a container recorded as running whose
/// init and supervisor are both gone (the supervisor was killed, or the host rebooted and a stale file survived) has
/// exited, with no exit code.
/// </summary>
public static class StaleState
{
    public static bool IsGone(ContainerState state) =>
        !ProcessStartTime.IsAlive(state.Pid, state.PidStartTime) && !ProcessStartTime.IsAlive(state.SupervisorPid, state.SupervisorStartTime);
}
