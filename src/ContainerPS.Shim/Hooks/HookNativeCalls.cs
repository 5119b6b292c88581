using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Hooks;

/// <summary>native/hook.c from managed code (the hooks of the runtime namespace).</summary>
internal static unsafe partial class HookNativeCalls
{
    /// <summary>0 when the hook exited 0; -ETIMEDOUT (killed after its timeout), -ECANCELED (non-zero exit or a
    /// signal: <see cref="NativeHook.Status"/>), or another -errno when it could not be started.</summary>
    [LibraryImport("cpsnative", EntryPoint = "cps_run_hook")]
    public static partial long Run(NativeHook* hook);
}
