using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>
/// config.md, "POSIX-platform Hooks": one hook. <c>path</c> is absolute (execv's path, not searched), <c>args</c>
/// is the whole argv including argv[0], <c>env</c> the whole environment, <c>timeout</c> seconds (greater than zero)
/// after which the runtime kills the hook and treats it as failed.
/// </summary>
public sealed record HookSpec
{
    [JsonPropertyName("path")] public string Path { get; init; } = "";
    [JsonPropertyName("args")] public List<string>? Args { get; init; }
    [JsonPropertyName("env")] public List<string>? Env { get; init; }
    [JsonPropertyName("timeout")] public int? Timeout { get; init; }
}
