using System.Text.Json;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// Which subnets the user networks of every store hold, so that two stores never make bridges with overlapping
/// subnets (the host would route one of them into the other). A store keeps its definitions under its own root, but
/// the bridges and their routes share one network stack; so each network also claims its subnet in
/// <c>/run/containerps/subnets/net-&lt;inode&gt;/&lt;address&gt;_&lt;prefix&gt;</c>, per network namespace (bridges in another
/// namespace never clash with ours). A claim names its holder, the definition file; a claim whose holder is gone or
/// holds another subnet now (a store deleted without Remove-ContainerNetwork) is stale and counts for nothing. Like
/// the address leases, claims live in /run: after a reboot a network claims its subnet again when its bridge is made.
/// </summary>
internal sealed class SubnetClaims(string directory)
{
    private const string Base = "/run/containerps/subnets";

    /// <summary>The claims of the calling thread's network namespace.</summary>
    public static SubnetClaims OfThisNamespace() => new(Path.Combine(Base, NetworkNamespace.NameOfThisThread()));

    /// <summary>
    /// The host-wide lock around checking and claiming (one file for every namespace, so nothing per namespace or per
    /// store is left behind once the claims are gone). Take it after a store's networks lock, never before.
    /// </summary>
    public static FileLock Lock(CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Base)!);
        return FileLock.Acquire(Base + ".lock", exclusive: true, ct);
    }

    /// <summary>The live claims: the subnet and the definition of the network that holds it. Call under <see cref="Lock"/>.</summary>
    public IReadOnlyList<(Ipv4Subnet Subnet, string Holder, NetworkDefinition Network)> Live()
    {
        if (!System.IO.Directory.Exists(directory)) return [];
        var live = new List<(Ipv4Subnet, string, NetworkDefinition)>();
        foreach (var file in System.IO.Directory.EnumerateFiles(directory))
        {
            var subnet = SubnetOf(file);
            var holder = ReadOrNull(file);
            if (subnet is not null && holder is not null && DefinitionAt(holder) is { } network && network.Subnet == subnet.ToString())
                live.Add((subnet, holder, network));
        }
        return live;
    }

    /// <summary>Claims <paramref name="subnet"/> for the definition at <paramref name="holder"/>. Call under <see cref="Lock"/>, after checking <see cref="Live"/>.</summary>
    public void Take(Ipv4Subnet subnet, string holder)
    {
        System.IO.Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(FileOf(subnet), System.Text.Encoding.UTF8.GetBytes(holder));
    }

    /// <summary>Gives the subnet back if <paramref name="holder"/> holds it; the directories go once empty.</summary>
    public void Release(Ipv4Subnet subnet, string holder)
    {
        var file = FileOf(subnet);
        if (ReadOrNull(file) == holder) File.Delete(file);
        DeleteIfEmpty(directory);
        DeleteIfEmpty(Base);
    }

    private string FileOf(Ipv4Subnet subnet) => Path.Combine(directory, $"{subnet.Address}_{subnet.PrefixLength}");

    private static Ipv4Subnet? SubnetOf(string file)
    {
        try
        {
            return Ipv4Subnet.Parse(Path.GetFileName(file).Replace('_', '/'));
        }
        catch (Errors.ContainerPSException)
        {
            return null; // a temporary file of a claim being written, or something that is no claim
        }
    }

    private static NetworkDefinition? DefinitionAt(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), NetworkJsonContext.Default.NetworkDefinition);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static string? ReadOrNull(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static void DeleteIfEmpty(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: false);
        }
        catch (IOException)
        {
            // another claim is still there, or it is gone already
        }
    }
}
