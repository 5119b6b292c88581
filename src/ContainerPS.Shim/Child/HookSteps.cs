using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Hooks;

namespace ContainerPS.Shim.Child;

/// <summary>
/// The child's part of the hooks (config.md, "POSIX-platform Hooks"; ChildHooks): wait while the supervisor runs
/// prestart and createRuntime, run createContainer once the mounts are set up, startContainer after the start and
/// before execve. Each hook is one CPS_RUN_HOOK step (native/hook.c); its state gets the pid the child sees.
/// A failed hook fails its step: errno ECANCELED when it exited non-zero (or a signal ended it), ETIMEDOUT when its
/// timeout killed it.
/// </summary>
internal static unsafe class HookSteps
{
    /// <summary>After the namespaces exist (and a user namespace is mapped), before anything of the rootfs.</summary>
    public static void AddWaitForRuntimeHooks(StepList steps, ChildPlanInput input)
    {
        if (input.Hooks is not { RuntimeHooksDoneRead: >= 0 and int fd }) return;
        long buffer = (long)steps.Arena.Allocate(8);
        steps.Add("wait-for-createRuntime-hooks", steps.Calls.Read, fd, buffer, 1).RequirePositiveResult();
        steps.Add("close-createRuntime-hooks-pipe", steps.Calls.Close, fd);
    }

    /// <summary>
    /// createContainer, in the container's namespaces with every mount in place. The path resolves in the runtime
    /// namespace (config.md): with a mount namespace the host's root is still reachable at RootfsSteps.OldRoot and the
    /// hook is chrooted there, so it sees the host's tree as runc's hook does before pivot_root; without one it runs
    /// before the chroot into root.path.
    /// </summary>
    public static void AddCreateContainer(StepList steps, ChildPlanInput input)
    {
        if (input.Hooks is not { } hooks) return;
        string? root = input.HasMountNamespace ? RootfsSteps.OldRoot : null;
        AddRun(steps, HookKinds.CreateContainer, hooks.CreateContainer, hooks.CreatingState, root);
    }

    /// <summary>startContainer: after the wait for start, before execve; the path resolves in the container (config.md).</summary>
    public static void AddStartContainer(StepList steps, ChildPlanInput input)
    {
        if (input.Hooks is { } hooks) AddRun(steps, HookKinds.StartContainer, hooks.StartContainer, hooks.CreatedState, root: null);
    }

    private static void AddRun(StepList steps, string kind, IReadOnlyList<HookSpec> hooks, byte[] stateHead, string? root)
    {
        for (int i = 0; i < hooks.Count; i++)
        {
            var native = NativeHook.Prepare(steps.Arena, hooks[i], stateHead, withPid: true, root, outputFd: -1);
            steps.Add($"{kind} hook #{i} ({hooks[i].Path})", Native.SyscallTable.RunHook, (long)native);
        }
    }
}
