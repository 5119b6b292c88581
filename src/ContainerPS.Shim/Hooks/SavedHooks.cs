using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Hooks;

/// <summary>
/// The spec's hooks as `create` found them, in the state directory (<see cref="StateFiles.Hooks"/>): `start` and
/// `delete` run poststart and poststop from there, whoever supervises (or no longer supervises) the container, and
/// whatever became of the bundle since (runc keeps its config in its state for the same reason).
/// </summary>
internal static class SavedHooks
{
    public static string PathIn(StateDirectory directory) => Path.Combine(directory.Path, StateFiles.Hooks);

    public static void Save(StateDirectory directory, HooksSpec hooks) =>
        File.WriteAllBytes(PathIn(directory), JsonSerializer.SerializeToUtf8Bytes(hooks, RuntimeJsonContext.Default.HooksSpec));

    /// <summary>The saved hooks, or null when the container has none (or its directory is gone).</summary>
    public static HooksSpec? Read(StateDirectory directory)
    {
        string path = PathIn(directory);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), RuntimeJsonContext.Default.HooksSpec) : null;
    }

    /// <summary>
    /// runtime.md "Lifecycle" step 8: poststart after the user-specified process has started, before `start`
    /// returns; a failure is a warning. The state says running (runtime-tools' hooks_stdin expects it even when the
    /// process has ended by now), as runc's does.
    /// </summary>
    public static void RunPoststart(StateDirectory directory, ContainerState state)
    {
        if (Read(directory)?.Poststart is { Count: > 0 } poststart)
            HookRunner.RunOrWarn(HookKinds.Poststart, poststart, HookStateJson.Of(state, ContainerStatus.Running));
    }

    /// <summary>
    /// runtime.md "Lifecycle" step 12: poststop after the container is deleted, before `delete` returns; a failure is
    /// a warning. <paramref name="hooks"/> was read (<see cref="Read"/>) before the state directory went away.
    /// </summary>
    public static void RunPoststop(HooksSpec? hooks, ContainerState state)
    {
        if (hooks?.Poststop is { Count: > 0 } poststop)
            HookRunner.RunOrWarn(HookKinds.Poststop, poststop, HookStateJson.Of(state, ContainerStatus.Stopped));
    }
}
