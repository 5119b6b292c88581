using System.Collections;

namespace ContainerPS;

/// <summary>
/// A container, as the cmdlets emit it (PSTypeName <c>ContainerPS.Container</c>; DESIGN.md, "Output types"). A plain
/// property bag, so it survives remoting; cmdlets that take it back look the container up again by <see cref="Id"/>.
/// </summary>
public sealed class Container
{
    /// <summary>64 hex digits.</summary>
    public string Id { get; init; } = "";

    /// <summary>The first 12 hex digits of the id, as docker ps shows it.</summary>
    public string ShortId { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The image as it was named at creation.</summary>
    public string Image { get; init; } = "";

    /// <summary>The image id (config digest) the container was created from.</summary>
    public string ImageId { get; init; } = "";

    /// <summary>The process the container runs: its program (resolved in the image's PATH) and arguments.</summary>
    public string[] Command { get; init; } = [];

    /// <summary>Created, Running or Exited.</summary>
    public string Status { get; init; } = "";

    /// <summary>The host pid of the container's first process while it runs.</summary>
    public int? Pid { get; init; }

    /// <summary>The exit code once it has exited: the process's status, or 128 + the signal that killed it.</summary>
    public int? ExitCode { get; init; }

    /// <summary>True when the kernel's OOM killer ended it for going over its memory limit.</summary>
    public bool OOMKilled { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? StartedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    /// <summary>The ports it publishes while it lives (-Publish, -PublishAll), as bound; none once it has exited.</summary>
    public PortMapping[] Ports { get; init; } = [];

    public ContainerLimits Limits { get; init; } = new();

    public Hashtable Labels { get; init; } = [];

    public string Hostname { get; init; } = "";

    /// <summary>bridge, none, host, or the name of a network.</summary>
    public string Network { get; init; } = "";

    /// <summary>The address on the container's bridge network once it has been started; null for none and host.</summary>
    public string? IPAddress { get; init; }

    public bool AutoRemove { get; init; }

    /// <summary>The signal Stop-Container sends first.</summary>
    public string StopSignal { get; init; } = "";

    /// <summary>Seconds Stop-Container waits before SIGKILL.</summary>
    public int StopTimeout { get; init; }

    /// <summary><c>default</c> (ContainerPS's seccomp profile, docker's in effect), <c>unconfined</c>, or the path of its profile.</summary>
    public string Seccomp { get; init; } = "";

    /// <summary>Whether its processes run with no_new_privs: setuid programs gain nothing.</summary>
    public bool NoNewPrivileges { get; init; }

    /// <summary>Its -SecurityOption items as <c>name=value</c> (docker inspect's SecurityOpt).</summary>
    public string[] SecurityOptions { get; init; } = [];

    /// <summary>Why the supervisor could not start the container, when it could not.</summary>
    public string? Error { get; init; }

    public override string ToString() => Name;
}
