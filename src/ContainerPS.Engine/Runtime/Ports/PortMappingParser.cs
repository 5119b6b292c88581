using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ContainerPS.Engine.Runtime.Ports;

/// <summary>
/// docker run -p's syntax: <c>[[hostIp:][hostPort]:]containerPort[/tcp|/udp]</c>, where a port may be a range
/// <c>8000-8009</c> (a host range must be as long as the container range). Without a host port the kernel picks a
/// free one; without a host IP the port listens on 0.0.0.0. IPv4 only: the proxy's target is an IPv4 address.
/// </summary>
public static class PortMappingParser
{
    public static IReadOnlyList<PortBinding> ParseAll(IEnumerable<string> mappings) => mappings.SelectMany(Parse).ToList();

    public static IReadOnlyList<PortBinding> Parse(string mapping)
    {
        var (address, protocol) = SplitProtocol(mapping);
        if (address.StartsWith('[')) throw PortErrors.Invalid(mapping, "IPv6 host addresses are not supported");
        string[] parts = address.Split(':');
        var (hostIp, hostPorts, containerPorts) = parts.Length switch
        {
            1 => ("0.0.0.0", "", parts[0]),
            2 => ("0.0.0.0", parts[0], parts[1]),
            3 => (HostIp(mapping, parts[0]), parts[1], parts[2]),
            _ => throw PortErrors.Invalid(mapping, "expected [[hostIp:][hostPort]:]containerPort[/protocol]"),
        };
        var (first, last) = Range(mapping, containerPorts, "container port");
        int hostFirst = 0;
        if (hostPorts.Length > 0)
        {
            var (from, to) = Range(mapping, hostPorts, "host port");
            if (to - from != last - first) throw PortErrors.Invalid(mapping, "the host port range and the container port range differ in length");
            hostFirst = from;
        }
        return Enumerable.Range(first, last - first + 1).Select(port => new PortBinding
        {
            Protocol = protocol, HostIp = hostIp, HostPort = hostFirst == 0 ? 0 : hostFirst + port - first, ContainerPort = port,
        }).ToList();
    }

    private static (string Address, string Protocol) SplitProtocol(string mapping)
    {
        int slash = mapping.LastIndexOf('/');
        if (slash < 0) return (mapping, "tcp");
        string protocol = mapping[(slash + 1)..].ToLowerInvariant();
        return protocol is "tcp" or "udp"
            ? (mapping[..slash], protocol)
            : throw PortErrors.Invalid(mapping, $"the protocol '{mapping[(slash + 1)..]}' is neither tcp nor udp");
    }

    private static string HostIp(string mapping, string text)
    {
        if (text.Length == 0) return "0.0.0.0";
        return IPAddress.TryParse(text, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3
            ? ip.ToString()
            : throw PortErrors.Invalid(mapping, $"'{text}' is not an IPv4 address");
    }

    /// <summary>A port (<c>80</c>) or an inclusive range (<c>8000-8009</c>) of ports 1 to 65535.</summary>
    private static (int First, int Last) Range(string mapping, string text, string what)
    {
        int dash = text.IndexOf('-');
        int first = Port(mapping, dash < 0 ? text : text[..dash], what);
        int last = dash < 0 ? first : Port(mapping, text[(dash + 1)..], what);
        return last >= first ? (first, last) : throw PortErrors.Invalid(mapping, $"the {what} range '{text}' ends before it starts");
    }

    private static int Port(string mapping, string text, string what) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535
            ? port
            : throw PortErrors.Invalid(mapping, $"the {what} '{text}' is not a number from 1 to 65535");
}
