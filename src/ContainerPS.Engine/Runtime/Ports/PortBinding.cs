using System.Text.Json.Serialization;

namespace ContainerPS.Engine.Runtime.Ports;

/// <summary>
/// One published port (docker run -p): <see cref="HostIp"/>:<see cref="HostPort"/> on the host forwards to
/// <see cref="ContainerPort"/> in the container. As asked for, <see cref="HostPort"/> 0 means "any free port";
/// as a running container reports it, the port actually bound.
/// </summary>
public sealed record PortBinding
{
    /// <summary>"tcp" or "udp".</summary>
    [JsonPropertyName("protocol")] public string Protocol { get; init; } = "tcp";

    /// <summary>An IPv4 address of the host; 0.0.0.0 (docker's default) listens on every address.</summary>
    [JsonPropertyName("hostIp")] public string HostIp { get; init; } = "0.0.0.0";

    [JsonPropertyName("hostPort")] public int HostPort { get; init; }

    [JsonPropertyName("containerPort")] public int ContainerPort { get; init; }

    /// <summary>docker ps's form: <c>0.0.0.0:8080-&gt;80/tcp</c>.</summary>
    public override string ToString() => $"{HostIp}:{HostPort}->{ContainerPort}/{Protocol}";
}
