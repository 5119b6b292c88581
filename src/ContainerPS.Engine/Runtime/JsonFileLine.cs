using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// One line of docker's json-file log driver format, as the supervisor writes it (issue-3 contract, "Logs"):
/// <c>{"log":"text\n","stream":"stdout","time":"2026-11-27T19:00:00.123456789Z"}</c>. A line that does not end in
/// "\n" is the first part of a longer one (json-file splits lines at 16 KiB).
/// </summary>
internal sealed record JsonFileLine
{
    [JsonPropertyName("log")] public string Log { get; init; } = "";
    [JsonPropertyName("stream")] public string Stream { get; init; } = "";

    /// <summary>RFC 3339 with nanoseconds, which DateTimeOffset cannot hold: see <see cref="LogTime"/>.</summary>
    [JsonPropertyName("time")] public string Time { get; init; } = "";
}
