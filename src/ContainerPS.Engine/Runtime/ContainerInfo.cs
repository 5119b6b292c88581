using ContainerPS.Engine.Runtime.Ports;

namespace ContainerPS.Engine.Runtime;

/// <summary>A container as the engine reports it: its record merged with the supervisor's live state.</summary>
public sealed record ContainerInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required string ImageId { get; init; }
    public required IReadOnlyList<string> Command { get; init; }
    public required ContainerStatusKind Status { get; init; }

    /// <summary>The host pid of the container's init while it runs.</summary>
    public int? Pid { get; init; }

    public int? ExitCode { get; init; }
    public bool OomKilled { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why the supervisor could not start the container, when it could not.</summary>
    public string? Error { get; init; }

    public required string Hostname { get; init; }
    public required ContainerLimits Limits { get; init; }
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
    public required bool AutoRemove { get; init; }

    /// <summary>Created with a pseudoterminal (-Tty): Start-Container -Interactive -Tty can attach to it.</summary>
    public bool Tty { get; init; }

    public bool Interactive { get; init; }
    public required string StopSignal { get; init; }
    public required int StopTimeout { get; init; }
    /// <summary><c>bridge</c>, <c>none</c>, <c>host</c> or a network's name.</summary>
    public required string Network { get; init; }

    /// <summary>The container's address on its bridge network once it has been started; null without one.</summary>
    public string? IPAddress { get; init; }

    /// <summary><c>default</c> (ContainerPS's profile), <c>unconfined</c>, or the full path of the profile it was created with.</summary>
    public string Seccomp { get; init; } = Security.SecurityOptions.DefaultProfile;

    /// <summary>Whether its processes run with no_new_privs (on unless <c>no-new-privileges=false</c>).</summary>
    public bool NoNewPrivileges { get; init; } = true;

    /// <summary>Its -SecurityOption items as <c>name=value</c>, in the order given (docker inspect's SecurityOpt).</summary>
    public IReadOnlyList<string> SecurityOptions { get; init; } = [];

    /// <summary>The ports the container publishes while it lives, as bound (docker ps); none once it has exited.</summary>
    public IReadOnlyList<PortBinding> Ports { get; init; } = [];
}
