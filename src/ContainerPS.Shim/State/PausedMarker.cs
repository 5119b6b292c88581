namespace ContainerPS.Shim.State;

/// <summary>
/// `pause` freezes the container's cgroup and leaves the file `paused` in the state directory; `resume` removes it.
/// The supervisor owns state.json and is blocked in poll(2) while the container is frozen, so the status "paused"
/// (runtime.md lists only the four states; runc adds "paused", and its callers expect it) is read from this marker
/// by LiveState instead of being written into state.json by a second writer.
/// </summary>
internal static class PausedMarker
{
    public const string Paused = "paused";

    public static string PathOf(StateDirectory directory) => System.IO.Path.Combine(directory.Path, "paused");

    public static bool IsSet(StateDirectory directory) => File.Exists(PathOf(directory));

    public static void Set(StateDirectory directory) => File.WriteAllText(PathOf(directory), "");

    public static void Clear(StateDirectory directory) => File.Delete(PathOf(directory));
}
