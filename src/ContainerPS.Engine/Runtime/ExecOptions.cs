namespace ContainerPS.Engine.Runtime;

/// <summary>What <c>Invoke-ContainerCommand</c> and <c>Enter-Container</c> run in a running container (docker exec). Null means "as the container's own process".</summary>
public sealed record ExecOptions
{
    /// <summary>The program and its arguments; the program is looked up along the container's PATH when it has no slash.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary><c>name</c>, <c>uid</c>, <c>uid:gid</c> or <c>name:group</c>, resolved against the container's /etc/passwd and /etc/group.</summary>
    public string? User { get; init; }

    /// <summary>Variables added to (or replacing) the container's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>An absolute path inside the container; made (as root) when missing, as for the container's own process.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>docker exec -t: the process runs on a pty of the container's (process.terminal), with TERM=xterm unless set.</summary>
    public bool Tty { get; init; }
}
