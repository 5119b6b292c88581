using ContainerPS.Engine.Runtime;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// /etc/hosts, /etc/resolv.conf and /etc/hostname of a container: files in its directory, bind-mounted over the
/// image's (docker does the same), in every network mode. They are rewritten in place, never replaced: a bind
/// mount pins the inode, so a new file would not be seen by a running container.
/// </summary>
internal static class EtcFiles
{
    public static string HostsOf(ContainerPaths paths) => Path.Combine(paths.Directory, "hosts");

    public static string ResolvConfOf(ContainerPaths paths) => Path.Combine(paths.Directory, "resolv.conf");

    public static string HostnameOf(ContainerPaths paths) => Path.Combine(paths.Directory, "hostname");

    /// <summary>The three bind mounts for the spec; a volume on the same path, listed later, wins.</summary>
    public static IEnumerable<MountSpec> Mounts(ContainerPaths paths)
    {
        yield return Bind("/etc/hostname", HostnameOf(paths));
        yield return Bind("/etc/hosts", HostsOf(paths));
        yield return Bind("/etc/resolv.conf", ResolvConfOf(paths));
    }

    /// <summary>Host mode: the host's own files, as docker --network host gives them; the host name stays the container's.</summary>
    public static void WriteForHost(ContainerPaths paths, string hostname)
    {
        Rewrite(HostsOf(paths), File.Exists("/etc/hosts") ? File.ReadAllText("/etc/hosts") : HostsFile.Build(null, []));
        Rewrite(ResolvConfOf(paths), File.Exists(ResolvConf.HostFile) ? File.ReadAllText(ResolvConf.HostFile) : "");
        Rewrite(HostnameOf(paths), hostname + "\n");
    }

    /// <summary>A network namespace of its own: filtered resolv.conf, and hosts with the container's address if it has one.</summary>
    public static void WriteForOwnNamespace(ContainerPaths paths, string hostname, string hosts)
    {
        Rewrite(HostsOf(paths), hosts);
        Rewrite(ResolvConfOf(paths), ResolvConf.ForContainer(ResolvConf.ReadHost()));
        Rewrite(HostnameOf(paths), hostname + "\n");
    }

    /// <summary>Truncates and writes the same inode (O_TRUNC, not a rename).</summary>
    public static void Rewrite(string path, string content)
    {
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        stream.SetLength(0);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
    }

    private static MountSpec Bind(string destination, string source) =>
        new() { Destination = destination, Type = "bind", Source = source, Options = ["rbind", "rprivate"] };
}
