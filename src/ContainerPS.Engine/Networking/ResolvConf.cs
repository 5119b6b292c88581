using System.Net;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// A container's /etc/resolv.conf from the host's (resolv.conf(5)), as docker makes it for a container with a
/// network namespace of its own (moby libnetwork/resolvconf, FilterResolvDNS): a nameserver on the host's loopback
/// cannot be reached from the container, so those lines go; if no nameserver is left, docker's defaults
/// (8.8.8.8 and 8.8.4.4) take their place. Search domains and options stay.
/// </summary>
internal static class ResolvConf
{
    public const string HostFile = "/etc/resolv.conf";

    /// <summary>Where systemd-resolved keeps the real upstream servers when /etc/resolv.conf names its 127.0.0.53 stub (docker reads it too).</summary>
    private const string ResolvedUpstream = "/run/systemd/resolve/resolv.conf";

    private static readonly string[] DefaultNameservers = ["8.8.8.8", "8.8.4.4"];

    /// <summary>The host's file, or systemd-resolved's upstream list when the host's names only the local stub.</summary>
    public static string ReadHost()
    {
        string host = File.Exists(HostFile) ? File.ReadAllText(HostFile) : "";
        return host.Contains("127.0.0.53") && File.Exists(ResolvedUpstream) ? File.ReadAllText(ResolvedUpstream) : host;
    }

    public static string ForContainer(string host)
    {
        var kept = host.Split('\n').Select(l => l.TrimEnd('\r')).Where(line => !IsLoopbackNameserver(line)).ToList();
        while (kept.Count > 0 && kept[^1].Length == 0) kept.RemoveAt(kept.Count - 1);
        if (!kept.Any(IsNameserver)) kept.AddRange(DefaultNameservers.Select(a => $"nameserver {a}"));
        return string.Join('\n', kept) + "\n";
    }

    private static bool IsNameserver(string line) => Fields(line) is ["nameserver", _, ..];

    private static bool IsLoopbackNameserver(string line) =>
        Fields(line) is ["nameserver", var address, ..] && IPAddress.TryParse(address.Split('%')[0], out var ip) && IPAddress.IsLoopback(ip);

    private static string[] Fields(string line) => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
