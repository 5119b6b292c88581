namespace ContainerPS;

/// <summary>One process of a running container (PSTypeName <c>ContainerPS.ContainerProcess</c>), as docker top lists it.</summary>
public sealed class ContainerProcess
{
    public string ContainerName { get; init; } = "";

    public string ContainerId { get; init; } = "";

    /// <summary>The pid on the host.</summary>
    public int Pid { get; init; }

    /// <summary>The pid inside the container (1 for its init).</summary>
    public int ContainerPid { get; init; }

    /// <summary>The parent's pid on the host.</summary>
    public int ParentPid { get; init; }

    public uint UserId { get; init; }

    /// <summary>The user's name from the container's /etc/passwd, else the uid.</summary>
    public string User { get; init; } = "";

    /// <summary>Running, Sleeping, DiskSleep, Zombie, Stopped, ...</summary>
    public string State { get; init; } = "";

    /// <summary>User plus system CPU time used so far.</summary>
    public TimeSpan CpuTime { get; init; }

    /// <summary>Resident set size in bytes.</summary>
    public long MemoryBytes { get; init; }

    public DateTime StartTime { get; init; }

    /// <summary>The command line, its arguments joined by spaces.</summary>
    public string Command { get; init; } = "";

    public string[] Arguments { get; init; } = [];

    public override string ToString() => $"{ContainerPid} {Command}";
}
