namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Everything <c>New-Container</c> and <c>Start-Container -Image</c> accept (DESIGN.md, "Run parameters"). Null means
/// "what the image says"; the container keeps these options in its container.json.
/// </summary>
public sealed record CreateOptions
{
    /// <summary>The image as the user named it: reference, familiar name or id prefix.</summary>
    public required string Image { get; init; }

    public string? Name { get; init; }

    /// <summary>Replaces the image's Cmd.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Replaces the image's Entrypoint, and, as in docker, drops the image's Cmd.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Variables that override the image's and the environment files'.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Files of KEY=VALUE lines (docker's --env-file format), applied in order before <see cref="Environment"/>.</summary>
    public IReadOnlyList<string> EnvironmentFiles { get; init; } = [];

    /// <summary>An absolute path inside the container; created in the container's upper layer if it does not exist.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary><c>name</c>, <c>uid</c>, <c>uid:gid</c> or <c>name:group</c>, resolved against the image's /etc/passwd and /etc/group.</summary>
    public string? User { get; init; }

    public string? Hostname { get; init; }

    /// <summary><c>/host/path:/container/path[:ro]</c>; the host path must exist.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary><c>/container/path[:options]</c>, for example <c>/run:size=64m</c>.</summary>
    public IReadOnlyList<string> Tmpfs { get; init; } = [];

    public bool ReadOnly { get; init; }

    /// <summary><c>bridge</c> (the default network), <c>none</c> (only loopback), <c>host</c>, or a network's name (docker run --network).</summary>
    public string Network { get; init; } = Networking.NetworkNames.Bridge;

    /// <summary>docker run -p mappings: <c>[[hostIp:][hostPort]:]containerPort[/tcp|/udp]</c> (Ports/PortMappingParser).</summary>
    public IReadOnlyList<string> Publish { get; init; } = [];

    /// <summary>docker run -P: every port the image exposes, each to a free host port.</summary>
    public bool PublishAll { get; init; }

    public ContainerLimits Limits { get; init; } = new();

    /// <summary>Capability names to add or drop (<c>NET_ADMIN</c>, <c>CAP_NET_ADMIN</c>, <c>ALL</c>).</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    /// <summary>docker's --security-opt items (Security/SecurityOptions): seccomp=unconfined|PATH, no-new-privileges[=BOOL].</summary>
    public IReadOnlyList<string> SecurityOptions { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Runs a minimal reaping init as PID 1 (docker run --init).</summary>
    public bool Init { get; init; }

    /// <summary>Keep the container's stdin open for an attached client (docker run -i); with <see cref="Tty"/> it is the pty.</summary>
    public bool Interactive { get; init; }

    /// <summary>Give the process a pseudoterminal as stdin, stdout and stderr (docker run -t; OCI process.terminal).</summary>
    public bool Tty { get; init; }

    /// <summary>Remove the container once it has exited.</summary>
    public bool AutoRemove { get; init; }

    /// <summary>The signal Stop-Container sends first; the image's StopSignal, else SIGTERM.</summary>
    public string? StopSignal { get; init; }

    /// <summary>Seconds Stop-Container waits before SIGKILL; 10 when null, as docker.</summary>
    public int? StopTimeout { get; init; }

    /// <summary>Remove an existing container of the same name first (podman run --replace).</summary>
    public bool Replace { get; init; }

    /// <summary>Namespaced kernel parameters (docker run --sysctl; <see cref="SysctlOptions"/>).</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();

    /// <summary>docker run --ulimit items, <c>name=soft[:hard]</c> (<see cref="UlimitParser"/>).</summary>
    public IReadOnlyList<string> Ulimits { get; init; } = [];

    /// <summary>Bytes of the /dev/shm tmpfs (docker run --shm-size); 64 MiB when null, as docker.</summary>
    public long? ShmSize { get; init; }

    /// <summary>Bytes ctr.log may reach before the supervisor rotates it; <see cref="LogLimits.DefaultMaxSize"/> when null.</summary>
    public long? LogMaxSize { get; init; }

    /// <summary>Log files kept, the current one included; <see cref="LogLimits.DefaultMaxFiles"/> when null.</summary>
    public int? LogMaxFiles { get; init; }
}
