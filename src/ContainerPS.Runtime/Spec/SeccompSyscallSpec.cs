using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>
/// config-linux.md, "Seccomp", syscalls[]: an action for the named syscalls, when every argument condition holds
/// (conditions on the same argument index are alternatives instead: runc's reading, which engines rely on).
/// </summary>
public sealed record SeccompSyscallSpec
{
    [JsonPropertyName("names")] public List<string> Names { get; init; } = [];
    [JsonPropertyName("action")] public string Action { get; init; } = "";

    /// <summary>The errno of SCMP_ACT_ERRNO (the message of SCMP_ACT_TRACE); EPERM when absent.</summary>
    [JsonPropertyName("errnoRet")] public uint? ErrnoRet { get; init; }

    [JsonPropertyName("args")] public List<SeccompArgSpec>? Args { get; init; }
}
