using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// Whether a container needs the monitor (docs/runtime-contract.md "Runtime and monitor"): the supervisor staying
/// beside the container for what only a resident process can do. Otherwise `create` sets the container up and exits,
/// leaving the init waiting for `start` and reaped by whoever called, as runc does (what containerd-shim-runc-v2,
/// conmon and the conformance suite expect).
/// </summary>
internal static class MonitorNeed
{
    public static bool Of(RuntimeSpec spec, SupervisorOptions options)
    {
        var annotations = spec.Annotations;
        return options.Report is null                                     // `run`: the container in the foreground
            || options.StartImmediately                                   // `create --start`: the engine's path
            || !string.IsNullOrEmpty(annotations?.GetValueOrDefault(Annotations.LogPath))        // the json-file log
            || !string.IsNullOrEmpty(annotations?.GetValueOrDefault(Annotations.PublishedPorts)) // published ports
            || (spec.Process.Terminal && options.ConsoleSocket is null);  // the pty's master, kept for `attach`
    }
}
