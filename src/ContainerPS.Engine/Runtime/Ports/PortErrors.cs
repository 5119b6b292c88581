using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime.Ports;

/// <summary>The errors of published ports, so their ids and kinds stay the same everywhere.</summary>
internal static class PortErrors
{
    public static ContainerPSException Invalid(string mapping, string reason) =>
        Fail.InvalidArgument("InvalidPortMapping", $"Invalid port mapping '{mapping}': {reason}.", mapping);

    public static ContainerPSException NeedNetwork() =>
        Fail.InvalidArgument("PortsNeedNetwork",
            "A container with -Network None has only its own loopback interface: nothing could reach a published port. Use -Network Host (or a bridge network).",
            "None");

    public static ContainerPSException InUse(string id, string reason, Exception inner) =>
        Fail.Conflict("PortInUse", $"Container {ContainerIds.Short(id)} cannot publish its ports: {reason}", id, inner);
}
