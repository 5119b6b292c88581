using ContainerPS.Runtime.State;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// A container's status from the supervisor's state.json. The file is the truth (hardening.md, principle 8) with
/// one exception: "running" whose init and supervisor are both gone (the supervisor was killed, or the host
/// rebooted and a stale file survived) is reported as exited, with no exit code.
/// </summary>
internal static class LiveStatus
{
    public static ContainerStatusKind Of(ContainerState? state) => state?.Status switch
    {
        ContainerStatus.Stopped => ContainerStatusKind.Exited,
        ContainerStatus.Running when IsGone(state) => ContainerStatusKind.Exited,
        ContainerStatus.Running => ContainerStatusKind.Running,
        _ => ContainerStatusKind.Created,
    };

    private static bool IsGone(ContainerState state) =>
        !ProcessStartTime.IsAlive(state.Pid, state.PidStartTime) && !ProcessStartTime.IsAlive(state.SupervisorPid, state.SupervisorStartTime);
}
