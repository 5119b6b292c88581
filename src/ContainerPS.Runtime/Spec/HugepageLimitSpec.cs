using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>config-linux.md, "Huge page limits": pageSize as the kernel names it ("2MB", "1GB"), limit in bytes.</summary>
public sealed record HugepageLimitSpec
{
    [JsonPropertyName("pageSize")] public string PageSize { get; init; } = "";
    [JsonPropertyName("limit")] public ulong Limit { get; init; }
}
