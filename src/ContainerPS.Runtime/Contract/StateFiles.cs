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

    /// <summary>
    /// Without a monitor (docs/runtime-contract.md "Runtime and monitor"): the fifo the init reports a failed execve
    /// on after start; its EOF (the init's end is close-on-exec) says the program runs.
    /// </summary>
    public const string ReportFifo = "report.fifo";

    /// <summary>Without a monitor: the names of the init's setup steps, one a line, so `start` can name a failed one.</summary>
    public const string StepNames = "steps";

    /// <summary>The socket attach receives a terminal's master through (process.terminal only).</summary>
    public const string AttachSocket = "attach.sock";

    /// <summary>The compiled seccomp program exec installs.</summary>
    public const string SeccompProgram = "seccomp.bpf";

    /// <summary>linux.resources as the last `update` left them (runc-update(8)): the next update starts from them.</summary>
    public const string Resources = "resources.json";

    /// <summary>Present while the container's cgroup is frozen by `pause` (<see cref="PausedMarker"/>).</summary>
    public const string Paused = "paused";

    /// <summary>config.json's hooks as create found them: start runs poststart and delete poststop from it.</summary>
    public const string Hooks = "hooks.json";
}
