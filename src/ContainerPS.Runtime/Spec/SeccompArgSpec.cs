using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>
/// config-linux.md, "Seccomp", args[]: the syscall's argument <c>index</c> compared with <c>value</c> by <c>op</c>
/// (SCMP_CMP_*); for SCMP_CMP_MASKED_EQ, <c>value</c> is the mask and <c>valueTwo</c> the value after masking.
/// </summary>
public sealed record SeccompArgSpec
{
    [JsonPropertyName("index")] public uint Index { get; init; }
    [JsonPropertyName("value")] public ulong Value { get; init; }
    [JsonPropertyName("valueTwo")] public ulong ValueTwo { get; init; }
    [JsonPropertyName("op")] public string Op { get; init; } = "";
}
