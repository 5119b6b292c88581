using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Runtime.Ports;

/// <summary>
/// docker run -P: every port the image exposes (config.md ExposedPorts: <c>"80/tcp": {}</c>, <c>"53/udp"</c>, or a bare
/// <c>"8080"</c>, tcp) to a free host port on 0.0.0.0, after the explicit mappings and not twice.
/// </summary>
internal static class ExposedPorts
{
    public static IReadOnlyList<PortBinding> Bindings(CreateOptions options, ContainerConfig? image)
    {
        var explicitly = PortMappingParser.ParseAll(options.Publish);
        if (!options.PublishAll) return explicitly;
        var exposed = (image?.ExposedPorts?.Keys ?? Enumerable.Empty<string>())
            .Order(StringComparer.Ordinal)
            .SelectMany(PortMappingParser.Parse)
            .Where(port => !explicitly.Any(e => e.ContainerPort == port.ContainerPort && e.Protocol == port.Protocol));
        return [.. explicitly, .. exposed];
    }
}
