using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>
/// config-linux.md, "Seccomp": the filter the container's processes (its own and every exec'd one) run under.
/// Absent means unconfined. Names are the spec's strings (SeccompNames lists the valid ones); the runtime resolves
/// syscall names on its host and skips names the host does not know, so a profile written for newer kernels loads.
/// </summary>
public sealed record SeccompSpec
{
    /// <summary>The action for a syscall no rule matches (SCMP_ACT_*).</summary>
    [JsonPropertyName("defaultAction")] public string DefaultAction { get; init; } = "";

    /// <summary>The errno of an SCMP_ACT_ERRNO (or SCMP_ACT_TRACE) default action; EPERM when absent.</summary>
    [JsonPropertyName("defaultErrnoRet")] public uint? DefaultErrnoRet { get; init; }

    /// <summary>SCMP_ARCH_* names the filter accepts besides the native one.</summary>
    [JsonPropertyName("architectures")] public List<string>? Architectures { get; init; }

    /// <summary>SECCOMP_FILTER_FLAG_* names passed to seccomp(2).</summary>
    [JsonPropertyName("flags")] public List<string>? Flags { get; init; }

    /// <summary>For SCMP_ACT_NOTIFY: not supported by ContainerPS's runtime, refused with a clear error.</summary>
    [JsonPropertyName("listenerPath")] public string? ListenerPath { get; init; }

    [JsonPropertyName("listenerMetadata")] public string? ListenerMetadata { get; init; }

    [JsonPropertyName("syscalls")] public List<SeccompSyscallSpec>? Syscalls { get; init; }
}
