using System.Text.Json.Serialization;

namespace ContainerPS.Runtime.Spec;

/// <summary>
/// One published port, as the engine asks for it in the <see cref="Annotations.PublishedPorts"/> annotation and as the
/// supervisor records it in state.json once bound (docker run -p). The supervisor listens on
/// <see cref="HostIp"/>:<see cref="HostPort"/> (port 0: one the kernel picks) and forwards to
/// <see cref="TargetIp"/>:<see cref="TargetPort"/>, as docker-proxy does.
/// </summary>
public sealed record PublishedPort
{
    /// <summary>"tcp" or "udp".</summary>
    [JsonPropertyName("protocol")] public string Protocol { get; init; } = "tcp";

    /// <summary>An IPv4 address of the host; 0.0.0.0 listens on every address.</summary>
    [JsonPropertyName("hostIp")] public string HostIp { get; init; } = "0.0.0.0";

    /// <summary>0 in the annotation: an ephemeral port; in state.json always the port actually bound.</summary>
    [JsonPropertyName("hostPort")] public int HostPort { get; init; }

    /// <summary>The container's IPv4 address as the host reaches it (127.0.0.1 for a container on the host's network).</summary>
    [JsonPropertyName("targetIp")] public string TargetIp { get; init; } = "127.0.0.1";

    [JsonPropertyName("targetPort")] public int TargetPort { get; init; }
}
