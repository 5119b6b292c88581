using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>
/// config.md, "POSIX-platform Hooks": the six lists, each run in order (runtime.md "Lifecycle" says when).
/// <c>prestart</c> is deprecated and runs like <c>createRuntime</c>, before it.
/// </summary>
public sealed record HooksSpec
{
    [JsonPropertyName("prestart")] public List<HookSpec>? Prestart { get; init; }
    [JsonPropertyName("createRuntime")] public List<HookSpec>? CreateRuntime { get; init; }
    [JsonPropertyName("createContainer")] public List<HookSpec>? CreateContainer { get; init; }
    [JsonPropertyName("startContainer")] public List<HookSpec>? StartContainer { get; init; }
    [JsonPropertyName("poststart")] public List<HookSpec>? Poststart { get; init; }
    [JsonPropertyName("poststop")] public List<HookSpec>? Poststop { get; init; }
}
