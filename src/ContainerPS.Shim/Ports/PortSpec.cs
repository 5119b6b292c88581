using System.Net;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Shim.Ports;

/// <summary>One port to publish, checked and turned into socket addresses: listen on <see cref="Host"/>, forward to <see cref="Target"/>.</summary>
internal sealed record PortSpec(bool Udp, SockAddrIn Host, SockAddrIn Target)
{
    public string Protocol => Udp ? "udp" : "tcp";

    /// <summary>The ports the <see cref="Annotations.PublishedPorts"/> annotation asks for; none without it.</summary>
    public static IReadOnlyList<PortSpec> FromAnnotations(IReadOnlyDictionary<string, string>? annotations)
    {
        string? json = annotations?.GetValueOrDefault(Annotations.PublishedPorts);
        if (string.IsNullOrWhiteSpace(json)) return [];
        List<PublishedPort>? ports;
        try { ports = JsonSerializer.Deserialize(json, RuntimeJsonContext.Default.ListPublishedPort); }
        catch (JsonException e) { throw Invalid($"is not a JSON array of ports: {e.Message}"); }
        return (ports ?? []).Select(Of).ToList();
    }

    /// <remarks>
    /// Source-generated JSON sets a missing init-only property to null, not to the record's default: a missing
    /// protocol is tcp and a missing host address 0.0.0.0 here, as in docker.
    /// </remarks>
    private static PortSpec Of(PublishedPort port)
    {
        bool udp = port.Protocol switch
        {
            null or "" or "tcp" => false,
            "udp" => true,
            _ => throw Invalid($"protocol '{port.Protocol}' is neither tcp nor udp"),
        };
        if (port.HostPort is < 0 or > 65535) throw Invalid($"host port {port.HostPort} is out of range");
        if (port.TargetPort is < 1 or > 65535) throw Invalid($"target port {port.TargetPort} is out of range");
        return new PortSpec(udp, SockAddrIn.Of(Ipv4(string.IsNullOrEmpty(port.HostIp) ? "0.0.0.0" : port.HostIp), port.HostPort), SockAddrIn.Of(Ipv4(port.TargetIp), port.TargetPort));
    }

    private static IPAddress Ipv4(string? text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? address
            : throw Invalid($"'{text}' is not an IPv4 address");

    private static ShimException Invalid(string reason) =>
        new(ExitCodes.Failure, $"annotation {Annotations.PublishedPorts}: {reason}");
}
