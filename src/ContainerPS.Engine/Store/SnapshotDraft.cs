using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Store;

/// <summary>A snapshot being unpacked. Dispose without <see cref="Commit"/> removes it.</summary>
public sealed class SnapshotDraft : IDisposable
{
    private readonly SnapshotStore _store;
    private bool _committed;

    internal SnapshotDraft(SnapshotStore store, Digest chainId, string directory)
    {
        _store = store;
        ChainId = chainId;
        Directory = directory;
    }

    public Digest ChainId { get; }

    public string Directory { get; }

    /// <summary>The empty directory the layer is unpacked into.</summary>
    public string FsDirectory => Path.Combine(Directory, "fs");

    public void Commit(SnapshotInfo info)
    {
        _store.Commit(this, info);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && System.IO.Directory.Exists(Directory)) TreeRemover.RemovePath(Directory);
    }
}
