using System.Net;
using System.Text;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// Which addresses of a bridge are taken, for every store on the host. Stores keep their networks apart, but a bridge
/// device (the default <c>containerps0</c> above all) is one per host, so two stores must never hand out the same
/// address on it. A lease is a file <c>/run/containerps/leases/net-&lt;inode&gt;/&lt;device&gt;/&lt;address&gt;</c> made with O_EXCL
/// (atomic across processes and stores) that names its holder, the container's network namespace file. Like the
/// namespaces themselves, leases live in /run and go with a reboot; a container started again leases its address anew.
/// They are kept per network namespace, as the devices are: a containerps0 in another namespace is another bridge.
/// </summary>
internal sealed class AddressLeases(string device)
{
    private const string Base = "/run/containerps/leases";

    private readonly string _namespaceDirectory = Path.Combine(Base, NetworkNamespace.NameOfThisThread());

    private string Directory => Path.Combine(_namespaceDirectory, device);

    /// <summary>Takes <paramref name="address"/> for <paramref name="holder"/>; true if it is now (or already was) the holder's.</summary>
    public bool TryTake(IPAddress address, string holder)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var file = FileOf(address);
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            stream.Write(Encoding.UTF8.GetBytes(holder));
            return true;
        }
        catch (IOException) when (File.Exists(file))
        {
            return HolderOf(file) == holder;
        }
    }

    /// <summary>Gives the address back if <paramref name="holder"/> holds it; the lease directories go once empty.</summary>
    public void Release(IPAddress address, string holder)
    {
        var file = FileOf(address);
        if (HolderOf(file) == holder) File.Delete(file);
        DeleteIfEmpty(Directory);
        DeleteIfEmpty(_namespaceDirectory);
        DeleteIfEmpty(Base);
    }

    /// <summary>True while any container of any store holds an address on the bridge.</summary>
    public bool AnyTaken() =>
        System.IO.Directory.Exists(Directory) && System.IO.Directory.EnumerateFileSystemEntries(Directory).Any();

    private string FileOf(IPAddress address) => Path.Combine(Directory, address.ToString());

    private static string? HolderOf(string file)
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

    private static void DeleteIfEmpty(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: false);
        }
        catch (IOException)
        {
            // another lease is still there, or it is gone already
        }
    }
}
