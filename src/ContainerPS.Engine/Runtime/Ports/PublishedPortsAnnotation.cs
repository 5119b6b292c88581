using System.Net;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime.Ports;

/// <summary>
/// Tells the supervisor what to publish: the <see cref="Annotations.PublishedPorts"/> annotation of config.json,
/// written when the container starts, because the address it forwards to (<paramref name="target"/>) is the
/// network's to give: 127.0.0.1 on the host's network, the container's own address on a bridge.
/// </summary>
internal static class PublishedPortsAnnotation
{
    public static RuntimeSpec Write(RuntimeSpec spec, IReadOnlyList<PortBinding> bindings, IPAddress target)
    {
        var annotations = new Dictionary<string, string>(spec.Annotations ?? []);
        annotations.Remove(Annotations.PublishedPorts);
        if (bindings.Count > 0)
        {
            var ports = bindings.Select(b => new PublishedPort
            {
                Protocol = b.Protocol, HostIp = b.HostIp, HostPort = b.HostPort, TargetIp = target.ToString(), TargetPort = b.ContainerPort,
            }).ToList();
            annotations[Annotations.PublishedPorts] = JsonSerializer.Serialize(ports, RuntimeJsonContext.Default.ListPublishedPort);
        }
        return spec with { Annotations = annotations };
    }

    /// <summary>The ports a supervisor has bound, as the engine reports them.</summary>
    public static IReadOnlyList<PortBinding> Bound(IReadOnlyList<PublishedPort>? published) =>
        (published ?? []).Select(p => new PortBinding
        {
            Protocol = p.Protocol, HostIp = p.HostIp, HostPort = p.HostPort, ContainerPort = p.TargetPort,
        }).ToList();
}
