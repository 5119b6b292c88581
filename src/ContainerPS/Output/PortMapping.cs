namespace ContainerPS;

/// <summary>
/// A port a container publishes (PSTypeName <c>ContainerPS.PortMapping</c>): connections to
/// <see cref="HostIp"/>:<see cref="HostPort"/> reach <see cref="ContainerPort"/> in the container.
/// </summary>
public sealed class PortMapping
{
    /// <summary>The host address it listens on; 0.0.0.0 is every address.</summary>
    public string HostIp { get; init; } = "";

    /// <summary>The host port as bound (a free one the kernel picked, when none was asked for).</summary>
    public int HostPort { get; init; }

    public int ContainerPort { get; init; }

    /// <summary>tcp or udp.</summary>
    public string Protocol { get; init; } = "";

    /// <summary>docker ps's form: <c>0.0.0.0:8080-&gt;80/tcp</c>.</summary>
    public override string ToString() => $"{HostIp}:{HostPort}->{ContainerPort}/{Protocol}";
}
