using System.Runtime.InteropServices;
using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Child;

namespace ContainerPS.Shim.Hooks;

/// <summary>Mirrors <c>struct cps_hook</c> in native/hook.c, the one place that runs a hook.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeHook
{
    public long Path, Argv, Envp, Root, State, StateLength, StateTail, TailLength, TimeoutMs;
    public int WithPid, OutputFd, Status;
    private readonly int _reserved;

    /// <summary>
    /// The hook in <paramref name="arena"/>'s native memory, for the child's CPS_RUN_HOOK step or for
    /// <see cref="HookNativeCalls.Run"/>. <paramref name="state"/> is the whole state JSON, or its head ending in
    /// <c>"pid":</c> when the pid is the one the running process sees (<see cref="HookStateJson.PidHead"/>).
    /// </summary>
    public static NativeHook* Prepare(NativeArena arena, HookSpec hook, ReadOnlySpan<byte> state, bool withPid, string? root, int outputFd)
    {
        var native = (NativeHook*)arena.Allocate(sizeof(NativeHook));
        native->Path = arena.String(hook.Path);
        // config.md: args has the same semantics as execv's argv; an absent one gives argv[0] = path, as runc does.
        native->Argv = arena.StringArray(hook.Args is { Count: > 0 } args ? args : [hook.Path]);
        native->Envp = arena.StringArray(hook.Env ?? []);
        native->Root = root is null ? 0 : arena.String(root);
        byte* text = arena.Allocate(state.Length + HookStateJson.PidTail.Length);
        state.CopyTo(new Span<byte>(text, state.Length));
        HookStateJson.PidTail.CopyTo(new Span<byte>(text + state.Length, HookStateJson.PidTail.Length));
        native->State = (long)text;
        native->StateLength = state.Length;
        native->StateTail = (long)(text + state.Length);
        native->TailLength = HookStateJson.PidTail.Length;
        native->TimeoutMs = hook.Timeout is int seconds ? seconds * 1000L : 0;
        native->WithPid = withPid ? 1 : 0;
        native->OutputFd = outputFd;
        return native;
    }
}
