using ContainerPS.Runtime.State;

namespace ContainerPS.Runtime.Contract;

/// <summary>
/// `pause` freezes the container's cgroup and leaves the file `paused` in the state directory; `resume` removes it.
/// The supervisor owns state.json and is blocked in poll(2) while the container is frozen, so the status "paused"
/// (runtime.md lists only the four states; runc adds "paused", and its callers expect it) is read from this marker
/// by whoever reads the state (the shim's LiveState, the engine's StateRoot) instead of being written into
/// state.json by a second writer.
/// </summary>
public static class PausedMarker
{
    public static string PathOf(string stateDirectory) => Path.Combine(stateDirectory, StateFiles.Paused);

    public static bool IsSet(string stateDirectory) => File.Exists(PathOf(stateDirectory));

    public static void Set(string stateDirectory) => File.WriteAllText(PathOf(stateDirectory), "");

    public static void Clear(string stateDirectory) => File.Delete(PathOf(stateDirectory));

    /// <summary>A running state as it is: paused while the marker is there.</summary>
    public static ContainerState Apply(ContainerState state, string stateDirectory) =>
        state.Status == ContainerStatus.Running && IsSet(stateDirectory) ? state with { Status = ContainerStatus.Paused } : state;
}
