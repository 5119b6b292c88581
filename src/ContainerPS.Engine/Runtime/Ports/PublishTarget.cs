using System.Net;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Networking;

namespace ContainerPS.Engine.Runtime.Ports;

/// <summary>Where the supervisor's proxy reaches a container's published ports, by how the container is networked.</summary>
internal static class PublishTarget
{
    /// <summary>
    /// On a bridge network, the container's address there (docker-proxy's target); on the host's network the
    /// container's ports are the host's own, so 127.0.0.1. With -Network None nothing outside the container can
    /// reach it (PortsNeedNetwork).
    /// </summary>
    public static IPAddress Address(string network, NetworkAttachment? attachment) => NetworkNames.Normalize(network) switch
    {
        NetworkNames.Host => IPAddress.Loopback,
        NetworkNames.None => throw PortErrors.NeedNetwork(),
        _ => attachment is not null ? IPAddress.Parse(attachment.IPAddress)
            : throw Fail.Internal("ContainerNotNetworked", $"The container has no address on network '{network}' to publish its ports to.", network),
    };

    /// <summary>Refuses to create a container whose published ports nothing could reach.</summary>
    public static void Validate(string network, IReadOnlyList<PortBinding> bindings)
    {
        if (bindings.Count > 0 && NetworkNames.Normalize(network) == NetworkNames.None) throw PortErrors.NeedNetwork();
    }
}
