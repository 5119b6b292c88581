using System.Text;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// A container's /etc/hosts (hosts(5)): the loopback names docker writes, the container's own address with its
/// host name and container name, and every other container of its network by name, which is how containers on one
/// network find each other without a DNS server.
/// </summary>
internal static class HostsFile
{
    /// <summary>docker's loopback and IPv6 lines (moby libnetwork/etchosts, defaultContent).</summary>
    private const string Loopback =
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    /// <param name="self">The container's own address and names, or null without a bridge network.</param>
    /// <param name="peers">The other containers of the network: address and container name.</param>
    public static string Build((string Address, IReadOnlyList<string> Names)? self, IEnumerable<(string Address, string Name)> peers)
    {
        var text = new StringBuilder(Loopback);
        if (self is { } own) text.Append(own.Address).Append('\t').AppendJoin(' ', own.Names.Distinct()).Append('\n');
        foreach (var (address, name) in peers.OrderBy(p => p.Name, StringComparer.Ordinal)) text.Append(address).Append('\t').Append(name).Append('\n');
        return text.ToString();
    }
}
