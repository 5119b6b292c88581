using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>
/// The subset of the OCI runtime-spec <c>config.json</c> (config.md, config-linux.md) that ContainerPS writes and its
/// supervisor honours. Field names are the spec's; unknown fields in a bundle written by someone else are ignored.
/// </summary>
public sealed record RuntimeSpec
{
    [JsonPropertyName("ociVersion")] public string OciVersion { get; init; } = "1.0.2";
    [JsonPropertyName("process")] public ProcessSpec Process { get; init; } = new();
    [JsonPropertyName("root")] public RootSpec Root { get; init; } = new();
    [JsonPropertyName("hostname")] public string? Hostname { get; init; }
    [JsonPropertyName("mounts")] public List<MountSpec> Mounts { get; init; } = [];
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
    [JsonPropertyName("linux")] public LinuxSpec Linux { get; init; } = new();
    [JsonPropertyName("hooks")] public HooksSpec? Hooks { get; init; }
}

/// <summary>config.md, "Process".</summary>
public sealed record ProcessSpec
{
    [JsonPropertyName("terminal")] public bool Terminal { get; init; }
    [JsonPropertyName("user")] public UserSpec User { get; init; } = new();
    [JsonPropertyName("args")] public List<string> Args { get; init; } = [];
    [JsonPropertyName("env")] public List<string> Env { get; init; } = [];
    [JsonPropertyName("cwd")] public string Cwd { get; init; } = "/";
    [JsonPropertyName("capabilities")] public CapabilitiesSpec? Capabilities { get; init; }
    [JsonPropertyName("rlimits")] public List<RlimitSpec>? Rlimits { get; init; }
    [JsonPropertyName("noNewPrivileges")] public bool NoNewPrivileges { get; init; }

    /// <summary>The process's /proc/self/oom_score_adj (-1000..1000); null leaves the inherited value.</summary>
    [JsonPropertyName("oomScoreAdj")] public int? OomScoreAdj { get; init; }
}

/// <summary>config.md, "User" (POSIX): numeric ids only; names are resolved by the engine from the image.</summary>
public sealed record UserSpec
{
    [JsonPropertyName("uid")] public uint Uid { get; init; }
    [JsonPropertyName("gid")] public uint Gid { get; init; }
    [JsonPropertyName("additionalGids")] public List<uint>? AdditionalGids { get; init; }
}

/// <summary>config.md, "capabilities": names like CAP_CHOWN.</summary>
public sealed record CapabilitiesSpec
{
    [JsonPropertyName("bounding")] public List<string>? Bounding { get; init; }
    [JsonPropertyName("effective")] public List<string>? Effective { get; init; }
    [JsonPropertyName("inheritable")] public List<string>? Inheritable { get; init; }
    [JsonPropertyName("permitted")] public List<string>? Permitted { get; init; }
    [JsonPropertyName("ambient")] public List<string>? Ambient { get; init; }
}

/// <summary>config.md, "rlimits": RLIMIT_NOFILE and friends.</summary>
public sealed record RlimitSpec
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("hard")] public ulong Hard { get; init; }
    [JsonPropertyName("soft")] public ulong Soft { get; init; }
}

/// <summary>config.md, "Root".</summary>
public sealed record RootSpec
{
    [JsonPropertyName("path")] public string Path { get; init; } = "rootfs";
    [JsonPropertyName("readonly")] public bool Readonly { get; init; }
}

/// <summary>config.md, "Mounts".</summary>
public sealed record MountSpec
{
    [JsonPropertyName("destination")] public string Destination { get; init; } = "";
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("options")] public List<string>? Options { get; init; }
}

/// <summary>config-linux.md.</summary>
public sealed record LinuxSpec
{
    [JsonPropertyName("namespaces")] public List<NamespaceSpec> Namespaces { get; init; } = [];
    [JsonPropertyName("uidMappings")] public List<IdMappingSpec>? UidMappings { get; init; }
    [JsonPropertyName("gidMappings")] public List<IdMappingSpec>? GidMappings { get; init; }
    [JsonPropertyName("cgroupsPath")] public string? CgroupsPath { get; init; }
    [JsonPropertyName("resources")] public ResourcesSpec? Resources { get; init; }
    [JsonPropertyName("maskedPaths")] public List<string>? MaskedPaths { get; init; }
    [JsonPropertyName("readonlyPaths")] public List<string>? ReadonlyPaths { get; init; }
    [JsonPropertyName("seccomp")] public SeccompSpec? Seccomp { get; init; }

    /// <summary>Device nodes to create in the container (config-linux.md, "Devices").</summary>
    [JsonPropertyName("devices")] public List<LinuxDeviceSpec>? Devices { get; init; }

    /// <summary>Kernel parameters written to /proc/sys in the container's namespaces (config-linux.md, "Sysctl").</summary>
    [JsonPropertyName("sysctl")] public Dictionary<string, string>? Sysctl { get; init; }

    /// <summary>shared, slave, private or unbindable (with r- for recursive): the rootfs mount's propagation.</summary>
    [JsonPropertyName("rootfsPropagation")] public string? RootfsPropagation { get; init; }

    /// <summary>config-linux.md, "Personality": the execution domain (LINUX or LINUX32).</summary>
    [JsonPropertyName("personality")] public PersonalitySpec? Personality { get; init; }
}

/// <summary>config-linux.md, "Namespaces": pid, network, mount, ipc, uts, cgroup, user.</summary>
public sealed record NamespaceSpec
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("path")] public string? Path { get; init; }
}

/// <summary>config-linux.md, "Control groups": the limits ContainerPS sets.</summary>
public sealed record ResourcesSpec
{
    [JsonPropertyName("memory")] public MemorySpec? Memory { get; init; }
    [JsonPropertyName("cpu")] public CpuSpec? Cpu { get; init; }
    [JsonPropertyName("pids")] public PidsSpec? Pids { get; init; }
    [JsonPropertyName("blockIO")] public BlockIoSpec? BlockIo { get; init; }
    [JsonPropertyName("hugepageLimits")] public List<HugepageLimitSpec>? HugepageLimits { get; init; }
    [JsonPropertyName("network")] public NetworkResourcesSpec? Network { get; init; }

    /// <summary>cgroup v2 interface files written as given, key = file name (config-linux.md, "Unified").</summary>
    [JsonPropertyName("unified")] public Dictionary<string, string>? Unified { get; init; }

    /// <summary>"Allowed Device List": applied in order; the supervisor uses <see cref="DefaultDevices.Rules"/> when absent.</summary>
    [JsonPropertyName("devices")] public List<DeviceRuleSpec>? Devices { get; init; }
}

public sealed record MemorySpec
{
    /// <summary>Bytes; memory + swap is <see cref="Swap"/> (runc semantics: swap is the total, -1 unlimited).</summary>
    [JsonPropertyName("limit")] public long? Limit { get; init; }
    [JsonPropertyName("swap")] public long? Swap { get; init; }
    [JsonPropertyName("reservation")] public long? Reservation { get; init; }
    [JsonPropertyName("kernel")] public long? Kernel { get; init; }
    [JsonPropertyName("kernelTCP")] public long? KernelTcp { get; init; }
    [JsonPropertyName("swappiness")] public ulong? Swappiness { get; init; }
    [JsonPropertyName("disableOOMKiller")] public bool? DisableOomKiller { get; init; }
}

public sealed record CpuSpec
{
    [JsonPropertyName("shares")] public ulong? Shares { get; init; }
    [JsonPropertyName("quota")] public long? Quota { get; init; }
    [JsonPropertyName("period")] public ulong? Period { get; init; }
    [JsonPropertyName("realtimeRuntime")] public long? RealtimeRuntime { get; init; }
    [JsonPropertyName("realtimePeriod")] public ulong? RealtimePeriod { get; init; }
    [JsonPropertyName("cpus")] public string? Cpus { get; init; }
    [JsonPropertyName("mems")] public string? Mems { get; init; }
}

public sealed record PidsSpec
{
    [JsonPropertyName("limit")] public long Limit { get; init; }
}
