using ContainerPS.Runtime.State;
using ContainerPS.Runtime.Contract;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// A container's status from the supervisor's state.json, with the stale-state rule the engine and the supervisor
/// share (<see cref="StaleState"/>, docs/runtime-contract.md).
/// </summary>
internal static class LiveStatus
{
    public static ContainerStatusKind Of(ContainerState? state) => state?.Status switch
    {
        ContainerStatus.Stopped => ContainerStatusKind.Exited,
        ContainerStatus.Running or ContainerStatus.Paused when StaleState.IsGone(state) => ContainerStatusKind.Exited,
        ContainerStatus.Running => ContainerStatusKind.Running,
        ContainerStatus.Paused => ContainerStatusKind.Paused,
        _ => ContainerStatusKind.Created,
    };

    /// <summary>Its processes exist: running, or running frozen (docker counts a paused container as running too).</summary>
    public static bool IsLive(ContainerState? state) => Of(state) is ContainerStatusKind.Running or ContainerStatusKind.Paused;
}
