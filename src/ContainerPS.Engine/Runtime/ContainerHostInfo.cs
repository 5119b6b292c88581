namespace ContainerPS.Engine.Runtime;

/// <summary>This host as containers see it (docker info): kernel, cgroups, the store, and the runtime's confinement.</summary>
public sealed record ContainerHostInfo
{
    /// <summary>The kernel release (uname -r).</summary>
    public required string Kernel { get; init; }

    /// <summary>/etc/os-release's PRETTY_NAME, or "Linux".</summary>
    public required string OperatingSystem { get; init; }

    /// <summary>uname's machine name (x86_64, aarch64).</summary>
    public required string Architecture { get; init; }

    /// <summary>V1 (also a hybrid host, whose cgroup2 mount has no controllers) or V2.</summary>
    public required string CgroupVersion { get; init; }

    /// <summary>The controllers ContainerPS limits with here.</summary>
    public required IReadOnlyList<string> CgroupControllers { get; init; }

    public required string Root { get; init; }
    public required string StateRoot { get; init; }
    public required int Images { get; init; }
    public required int Containers { get; init; }
    public required int ContainersRunning { get; init; }
    public required int ContainersPaused { get; init; }

    /// <summary>The supervisor binary and the newest runtime-spec version it implements.</summary>
    public required string Runtime { get; init; }
    public required string OciVersion { get; init; }

    /// <summary>The kernel has seccomp filters and the runtime's libseccomp loads: containers get the default profile.</summary>
    public required bool SeccompEnabled { get; init; }

    /// <summary>libseccomp's version, null when it is not installed.</summary>
    public string? SeccompVersion { get; init; }

    /// <summary>The seccomp(2) filter flags this kernel accepts.</summary>
    public required IReadOnlyList<string> SeccompFlags { get; init; }

    /// <summary>What every container gets unless it says otherwise, as docker info's SecurityOptions spell it.</summary>
    public required IReadOnlyList<string> SecurityOptions { get; init; }
}
