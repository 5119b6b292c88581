namespace ContainerPS.Engine.Runtime.Processes;

/// <summary>One process of a running container (docker top), read from /proc on the host.</summary>
public sealed record ContainerProcessInfo
{
    public required string ContainerName { get; init; }
    public required string ContainerId { get; init; }

    /// <summary>The pid on the host.</summary>
    public required int Pid { get; init; }

    /// <summary>The pid in the container's pid namespace: the last NSpid of /proc/&lt;pid&gt;/status.</summary>
    public required int ContainerPid { get; init; }

    /// <summary>The parent's pid on the host.</summary>
    public required int ParentPid { get; init; }

    /// <summary>The real uid, as the container's user namespace (the host's) numbers it.</summary>
    public required uint UserId { get; init; }

    /// <summary>The name the container's /etc/passwd gives <see cref="UserId"/>, else the uid as text.</summary>
    public required string User { get; init; }

    /// <summary>The state letter of /proc/&lt;pid&gt;/stat, as a word (Running, Sleeping, ...).</summary>
    public required string State { get; init; }

    public required TimeSpan CpuTime { get; init; }

    /// <summary>Resident set size.</summary>
    public required long MemoryBytes { get; init; }

    public required DateTime StartTime { get; init; }

    /// <summary>The command line, arguments joined by spaces; the command name in brackets when it has none (a zombie).</summary>
    public required string Command { get; init; }

    public required IReadOnlyList<string> Arguments { get; init; }
}
