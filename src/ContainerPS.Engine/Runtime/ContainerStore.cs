using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// The containers of a store: one directory each under <c>&lt;root&gt;/containers/</c>. A directory counts as a
/// container once its container.json exists (written atomically, last), so a half-created one is never listed.
/// Names are unique: whoever creates or renames holds the names lock (flock) while checking and writing.
/// </summary>
internal sealed class ContainerStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode RootDirectoryMode = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const string RemovingPrefix = ".removing-";
    private readonly StoreLayout _layout;

    public ContainerStore(StoreLayout layout)
    {
        _layout = layout;
        Directory = Path.Combine(layout.Root, "containers");
        if (!System.IO.Directory.Exists(Directory)) System.IO.Directory.CreateDirectory(Directory, OwnerOnly);
    }

    public string Directory { get; }

    public ContainerPaths PathsOf(string id) => new(Path.Combine(Directory, id));

    public IReadOnlyList<ContainerRecord> List() =>
        System.IO.Directory.EnumerateDirectories(Directory)
            .Select(Path.GetFileName)
            .Where(name => name is not null && ContainerIds.IsId(name))
            .Select(id => TryRead(id!))
            .OfType<ContainerRecord>()
            .OrderBy(r => r.Created)
            .ToList();

    public ContainerRecord? TryRead(string id)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(PathsOf(id).RecordFile), ContainerJsonContext.Default.ContainerRecord);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // being created or removed by someone else
        }
    }

    /// <summary>By full id, then by name, then by unique id prefix (docker's order).</summary>
    public ContainerRecord Resolve(string nameOrId)
    {
        if (ContainerIds.IsId(nameOrId) && TryRead(nameOrId) is { } exact) return exact;
        var all = List();
        var named = all.FirstOrDefault(r => r.Name == nameOrId);
        if (named is not null) return named;
        var prefixed = ContainerIds.IsHex(nameOrId) ? all.Where(r => r.Id.StartsWith(nameOrId, StringComparison.Ordinal)).Take(2).ToList() : [];
        return prefixed.Count switch
        {
            1 => prefixed[0],
            0 => throw ContainerErrors.NotFound(nameOrId),
            _ => throw Fail.InvalidArgument("ContainerIdAmbiguous", $"More than one container id starts with '{nameOrId}'.", nameOrId),
        };
    }

    /// <summary>Held while a name is checked and taken (create, rename).</summary>
    public FileLock LockNames(CancellationToken ct) =>
        FileLock.Acquire(Path.Combine(_layout.Locks, "container-names.lock"), exclusive: true, ct);

    /// <summary>Held while a container is started, stopped or removed.</summary>
    public FileLock LockContainer(string id, CancellationToken ct)
    {
        var paths = PathsOf(id);
        if (!System.IO.Directory.Exists(paths.Directory)) throw ContainerErrors.NotFound(id);
        return FileLock.Acquire(paths.LockFile, exclusive: true, ct);
    }

    /// <summary>Creates the container's directory with an empty rootfs mount point and the overlay's upper and work directories.</summary>
    public ContainerPaths CreateDirectory(string id)
    {
        var paths = PathsOf(id);
        System.IO.Directory.CreateDirectory(paths.Directory, OwnerOnly);
        // The upper directory is the root directory of the merged file system: it gets the mode a rootfs has.
        foreach (var dir in new[] { paths.Rootfs, paths.Upper })
        {
            System.IO.Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, RootDirectoryMode);
        }

        System.IO.Directory.CreateDirectory(paths.Work, OwnerOnly);
        return paths;
    }

    public void Write(ContainerRecord record) =>
        AtomicFile.WriteAllBytes(PathsOf(record.Id).RecordFile, JsonSerializer.SerializeToUtf8Bytes(record, ContainerJsonContext.Default.ContainerRecord));

    /// <summary>Renamed out of the way first, so the container disappears at once and is never listed half-removed.</summary>
    public void Delete(string id)
    {
        var paths = PathsOf(id);
        if (!System.IO.Directory.Exists(paths.Directory)) return;
        var doomed = Path.Combine(Directory, $"{RemovingPrefix}{id}-{Guid.NewGuid():N}");
        System.IO.Directory.Move(paths.Directory, doomed);
        TreeRemover.RemovePath(doomed);
    }

    /// <summary>Directories that a create or remove killed half-way left behind.</summary>
    public void RemoveLeftovers()
    {
        foreach (var dir in System.IO.Directory.EnumerateDirectories(Directory, RemovingPrefix + "*")) TreeRemover.RemovePath(dir);
    }
}
