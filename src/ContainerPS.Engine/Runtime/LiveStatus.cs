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
        ContainerStatus.Running when StaleState.IsGone(state) => ContainerStatusKind.Exited,
        ContainerStatus.Running => ContainerStatusKind.Running,
        _ => ContainerStatusKind.Created,
    };

}
