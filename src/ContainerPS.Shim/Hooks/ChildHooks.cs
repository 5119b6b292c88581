using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Hooks;

/// <summary>
/// What the container child needs for hooks (Child/HookSteps.cs): the pipe it waits on while the supervisor runs
/// prestart and createRuntime (-1 when there are none), and the hooks it runs itself with their state heads
/// (<see cref="HookStateJson.PidHead"/>: status creating for createContainer, created for startContainer, as runc's
/// init passes them).
/// </summary>
internal sealed record ChildHooks(
    int RuntimeHooksDoneRead,
    IReadOnlyList<HookSpec> CreateContainer, byte[] CreatingState,
    IReadOnlyList<HookSpec> StartContainer, byte[] CreatedState);
