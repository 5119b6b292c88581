using System.Text.Json.Serialization;
using ContainerPS.Engine.Runtime.Ports;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// What the engine knows about a container that the supervisor does not: <c>containers/&lt;id&gt;/container.json</c>,
/// written atomically. The live state (pid, exit code) is the supervisor's state.json; this file holds only how the
/// last start failed, which outlives the supervisor's state of that start.
/// </summary>
public sealed record ContainerRecord
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>The image as the user named it.</summary>
    [JsonPropertyName("image")] public required string Image { get; init; }

    /// <summary>The image id (config digest) the container was created from.</summary>
    [JsonPropertyName("imageId")] public required string ImageId { get; init; }

    [JsonPropertyName("created")] public required DateTimeOffset Created { get; init; }

    /// <summary>process.args as written to config.json.</summary>
    [JsonPropertyName("command")] public required IReadOnlyList<string> Command { get; init; }

    [JsonPropertyName("hostname")] public required string Hostname { get; init; }

    /// <summary>The signal that Stop-Container sends first (name or number, as the supervisor's kill takes it).</summary>
    [JsonPropertyName("stopSignal")] public required string StopSignal { get; init; }

    [JsonPropertyName("options")] public required CreateOptions Options { get; init; }

    /// <summary>The ports to publish, from -Publish and -PublishAll (the image's exposed ports at creation).</summary>
    /// <remarks>Source-generated JSON sets a missing init-only property to null: a container.json from before ports has none.</remarks>
    [JsonPropertyName("ports")]
    public IReadOnlyList<PortBinding> Ports
    {
        get => _ports ?? [];
        init => _ports = value;
    }

    private readonly IReadOnlyList<PortBinding>? _ports;

    /// <summary>Why the last start failed, until a start succeeds; null when it did not fail.</summary>
    [JsonPropertyName("startFailure")] public StartFailure? StartFailure { get; init; }
}
