namespace ContainerPS;

/// <summary>
/// The host as containers see it (docker info; PSTypeName <c>ContainerPS.ContainerHost</c>): kernel, cgroups, the
/// store's use, and the confinement every container gets.
/// </summary>
public sealed class ContainerHost
{
    public string Kernel { get; init; } = "";
    public string OperatingSystem { get; init; } = "";
    public string Architecture { get; init; } = "";

    /// <summary>V1 (hybrid hosts too) or V2.</summary>
    public string CgroupVersion { get; init; } = "";

    public string[] CgroupControllers { get; init; } = [];
    public string Root { get; init; } = "";
    public string StateRoot { get; init; } = "";
    public int Images { get; init; }
    public int Containers { get; init; }
    public int ContainersRunning { get; init; }
    public int ContainersPaused { get; init; }

    /// <summary>The supervisor binary (containerps-shim), the OCI runtime of every container.</summary>
    public string Runtime { get; init; } = "";

    public string OciVersion { get; init; } = "";

    /// <summary>True when containers get a seccomp filter: the kernel has seccomp and libseccomp is installed.</summary>
    public bool SeccompEnabled { get; init; }

    public string? SeccompVersion { get; init; }
    public string[] SeccompFlags { get; init; } = [];

    /// <summary>docker info's SecurityOptions: <c>name=seccomp,profile=default</c>, <c>name=no-new-privileges</c>.</summary>
    public string[] SecurityOptions { get; init; } = [];

    public override string ToString() => $"{OperatingSystem} {Kernel}";

    internal static ContainerHost From(Engine.Runtime.ContainerHostInfo info) => new()
    {
        Kernel = info.Kernel, OperatingSystem = info.OperatingSystem, Architecture = info.Architecture,
        CgroupVersion = info.CgroupVersion, CgroupControllers = [.. info.CgroupControllers], Root = info.Root,
        StateRoot = info.StateRoot, Images = info.Images, Containers = info.Containers,
        ContainersRunning = info.ContainersRunning, ContainersPaused = info.ContainersPaused,
        Runtime = info.Runtime, OciVersion = info.OciVersion, SeccompEnabled = info.SeccompEnabled,
        SeccompVersion = info.SeccompVersion, SeccompFlags = [.. info.SeccompFlags], SecurityOptions = [.. info.SecurityOptions],
    };
}
