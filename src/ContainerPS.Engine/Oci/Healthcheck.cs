using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Oci;

/// <summary>
/// The check an image asks its containers to run (Dockerfile reference, "HEALTHCHECK"; Docker's image config field
/// <c>Healthcheck</c>, same names as Docker's HealthConfig). <see cref="Test"/> is <c>["NONE"]</c>, <c>["CMD", args...]</c>
/// or <c>["CMD-SHELL", command]</c>; the durations are nanoseconds and, like the retries, null when not given, as Docker
/// leaves them out then.
/// </summary>
public sealed record Healthcheck
{
    [JsonPropertyName("Test")] public string[]? Test { get; init; }
    [JsonPropertyName("Interval")] public long? Interval { get; init; }
    [JsonPropertyName("Timeout")] public long? Timeout { get; init; }
    [JsonPropertyName("StartPeriod")] public long? StartPeriod { get; init; }
    [JsonPropertyName("StartInterval")] public long? StartInterval { get; init; }
    [JsonPropertyName("Retries")] public int? Retries { get; init; }
}
