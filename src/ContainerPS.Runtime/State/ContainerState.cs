using System.Text.Json.Serialization;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.State;

/// <summary>
/// A container's state as the supervisor records it in <c>&lt;state root&gt;/&lt;id&gt;/state.json</c>, written atomically
/// (temp file, rename). The first fields are runtime-spec runtime.md "State"; the rest are what Docker users
/// expect to see (exit code, OOM kill, times) and what makes signalling safe (the init's start time, so a recycled
/// PID is never signalled).
/// </summary>
public sealed record ContainerState
{
    /// <summary>
    /// Required when read: every state.json the supervisor writes has it, and runc's (libcontainer's own format, in
    /// the same root when containerd-shim-runc-v2 runs both) has none, so another runtime's container is refused
    /// instead of read as a stopped one, which `delete` would remove while its init runs on.
    /// </summary>
    [JsonRequired]
    [JsonPropertyName("ociVersion")] public string OciVersion { get; init; } = "1.0.2";
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>creating, created, running or stopped (runtime.md).</summary>
    [JsonPropertyName("status")] public string Status { get; init; } = ContainerStatus.Creating;
    [JsonPropertyName("pid")] public int Pid { get; init; }
    [JsonPropertyName("bundle")] public string Bundle { get; init; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat (clock ticks since boot) of the container's init.</summary>
    [JsonPropertyName("pidStartTime")] public ulong PidStartTime { get; init; }

    /// <summary>
    /// The monitor's pid (and start time), or 0 once an unmonitored container is created: then no process of ours
    /// stays, as with runc, and the init's own pid and start time are what is known (docs/runtime-contract.md).
    /// </summary>
    [JsonPropertyName("supervisorPid")] public int SupervisorPid { get; init; }
    [JsonPropertyName("supervisorStartTime")] public ulong SupervisorStartTime { get; init; }
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("started")] public DateTimeOffset? Started { get; init; }
    [JsonPropertyName("finished")] public DateTimeOffset? Finished { get; init; }

    /// <summary>The exit code as a shell reports it: the status, or 128 + signal number when killed by a signal.</summary>
    [JsonPropertyName("exitCode")] public int? ExitCode { get; init; }
    [JsonPropertyName("oomKilled")] public bool OomKilled { get; init; }

    /// <summary>Why the container could not start (for example "mount /proc: EACCES"), when it could not.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>The ports the supervisor has bound for the container (ephemeral ones resolved), if it publishes any.</summary>
    [JsonPropertyName("publishedPorts")] public IReadOnlyList<PublishedPort>? PublishedPorts { get; init; }
}

public static class ContainerStatus
{
    public const string Creating = "creating";
    public const string Created = "created";
    public const string Running = "running";

    /// <summary>runc's fifth state (runc-pause(8)): running with its cgroup frozen; never in state.json (<see cref="Contract.PausedMarker"/>).</summary>
    public const string Paused = "paused";
    public const string Stopped = "stopped";
}
