using System.Text.Json;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Store;

/// <summary>
/// Unpacked layers keyed by ChainID (image-spec config.md, "Layer ChainID"), each a directory in overlayfs lower form
/// (<c>snapshots/&lt;hex&gt;/fs</c>). A snapshot is built in a temporary directory and renamed into place only when
/// complete and synced, so an existing snapshot directory is always whole; leftovers of a killed unpack are temporary
/// directories that the next pull of the same layer removes.
/// </summary>
public sealed class SnapshotStore
{
    private const string TempPrefix = ".tmp-";
    private readonly StoreLayout _layout;

    public SnapshotStore(StoreLayout layout) => _layout = layout;

    public string PathOf(Digest chainId) => Path.Combine(_layout.Snapshots, chainId.Hex);

    /// <summary>The directory to give overlayfs as a lower layer.</summary>
    public string FsPathOf(Digest chainId) => Path.Combine(PathOf(chainId), "fs");

    public bool Exists(Digest chainId) => Directory.Exists(PathOf(chainId));

    public SnapshotInfo? ReadInfo(Digest chainId)
    {
        var file = Path.Combine(PathOf(chainId), "info.json");
        return File.Exists(file) ? JsonSerializer.Deserialize(File.ReadAllBytes(file), StoreJsonContext.Default.SnapshotInfo) : null;
    }

    public IEnumerable<Digest> List() =>
        Directory.EnumerateDirectories(_layout.Snapshots)
            .Select(Path.GetFileName)
            .Select(name => Digest.TryParse("sha256:" + name, out var d) ? d : (Digest?)null)
            .OfType<Digest>();

    /// <summary>Starts a new snapshot in a temporary directory; the caller holds the ChainID's lock.</summary>
    public SnapshotDraft Prepare(Digest chainId)
    {
        RemoveLeftovers(chainId);
        var temp = Path.Combine(_layout.Snapshots, $"{TempPrefix}{chainId.Hex}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(temp, "fs"));
        return new SnapshotDraft(this, chainId, temp);
    }

    internal void Commit(SnapshotDraft draft, SnapshotInfo info)
    {
        AtomicFile.WriteAllBytes(Path.Combine(draft.Directory, "info.json"), JsonSerializer.SerializeToUtf8Bytes(info, StoreJsonContext.Default.SnapshotInfo));
        FileSystemSync.SyncFileSystemOf(draft.Directory); // one syncfs for the whole unpacked tree instead of an fsync per file
        Directory.Move(draft.Directory, PathOf(draft.ChainId));
        AtomicFile.SyncDirectory(_layout.Snapshots);
    }

    /// <summary>Removes a snapshot: renamed out of the way first, so it is never seen half-deleted.</summary>
    public void Remove(Digest chainId)
    {
        var path = PathOf(chainId);
        if (!Directory.Exists(path)) return;
        var doomed = Path.Combine(_layout.Snapshots, $"{TempPrefix}{chainId.Hex}-removing-{Guid.NewGuid():N}");
        Directory.Move(path, doomed);
        TreeRemover.RemovePath(doomed);
    }

    /// <summary>Deletes temporary directories a killed unpack of this ChainID left behind.</summary>
    private void RemoveLeftovers(Digest chainId)
    {
        foreach (var dir in Directory.EnumerateDirectories(_layout.Snapshots, $"{TempPrefix}{chainId.Hex}-*"))
            TreeRemover.RemovePath(dir);
    }
}
