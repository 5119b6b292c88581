using System.Globalization;
using System.Net;
using System.Numerics;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// The IPv4 routes of the main table in the calling thread's network namespace, from <c>/proc/thread-self/net/route</c>
/// (proc(5), /proc/net/route: addresses and masks as hexadecimal numbers in the host's byte order). A new network
/// must not overlap one of them, or the host would send the new bridge's traffic elsewhere (docker checks the same).
/// Default routes (a /0) overlap everything and are left out.
/// </summary>
internal static class HostRoutes
{
    private const string RouteFile = "/proc/thread-self/net/route";
    private const int RTF_UP = 0x1;

    public static IReadOnlyList<(Ipv4Subnet Subnet, string Device)> List() =>
        File.Exists(RouteFile) ? Parse(File.ReadAllLines(RouteFile)) : [];

    /// <summary>The lines after the header: Iface, Destination, Gateway, Flags, RefCnt, Use, Metric, Mask, ...</summary>
    public static IReadOnlyList<(Ipv4Subnet Subnet, string Device)> Parse(IEnumerable<string> lines)
    {
        var routes = new List<(Ipv4Subnet, string)>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8 || !TryHex(fields[1], out uint destination) || !TryHex(fields[3], out uint flags) || !TryHex(fields[7], out uint mask)) continue;
            int prefix = BitOperations.PopCount(mask);
            if ((flags & RTF_UP) == 0 || prefix == 0) continue;
            var address = new IPAddress(destination); // the number as the kernel stores it: network byte order in memory
            routes.Add((Ipv4Subnet.FromAddress(address, prefix), fields[0]));
        }
        return routes;
    }

    private static bool TryHex(string text, out uint value) => uint.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
}
