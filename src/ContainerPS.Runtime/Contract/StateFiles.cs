namespace ContainerPS.Runtime.Contract;

/// <summary>
/// The files of a container's state directory (<c>ROOT/ID/</c>, src/ContainerPS.Shim/README.md), written by the
/// supervisor and read by the engine without spawning a process.
/// </summary>
public static class StateFiles
{
    /// <summary>The runtime state (runtime.md "State" with ContainerPS's fields), written atomically.</summary>
    public const string State = "state.json";

    /// <summary>The container's cgroup path, for cleanup without the bundle.</summary>
    public const string Cgroup = "cgroup";

    /// <summary>The fifo a created container's init waits on until start.</summary>
    public const string StartFifo = "start.fifo";

    /// <summary>The socket attach receives a terminal's master through (process.terminal only).</summary>
    public const string AttachSocket = "attach.sock";

    /// <summary>The compiled seccomp program exec installs.</summary>
    public const string SeccompProgram = "seccomp.bpf";

    /// <summary>config.json's hooks as create found them: start runs poststart and delete poststop from it.</summary>
    public const string Hooks = "hooks.json";
}
