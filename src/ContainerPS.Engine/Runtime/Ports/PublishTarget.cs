using System.Net;

namespace ContainerPS.Engine.Runtime.Ports;

/// <summary>Where the supervisor's proxy reaches a container's published ports, by how the container is networked.</summary>
internal static class PublishTarget
{
    /// <summary>
    /// On the host's network the container's ports are the host's own: 127.0.0.1. With -Network None nothing outside
    /// the container can reach it (PortsNeedNetwork).
    /// </summary>
    public static IPAddress Address(NetworkMode network) => network switch
    {
        NetworkMode.Host => IPAddress.Loopback,
        _ => throw PortErrors.NeedNetwork(),
    };

    /// <summary>Refuses to create a container whose published ports nothing could reach.</summary>
    public static void Validate(NetworkMode network, IReadOnlyList<PortBinding> bindings)
    {
        if (bindings.Count > 0) Address(network);
    }
}
