using Tmds.Linux;

namespace ContainerPS.Engine.Layers;

/// <summary>
/// The first path written of each multiply-linked inode, so that a later path of it becomes a hard link to that path
/// (image-spec layer.md, "Hardlinks") rather than a second copy of the bytes.
/// </summary>
internal sealed class InodeLinks
{
    private readonly Dictionary<(ulong Dev, ulong Ino), string> _firstPathOfInode = [];

    public void Clear() => _firstPathOfInode.Clear();

    /// <summary>The path this inode was first seen at, or null (and <paramref name="relative"/> is remembered) when this is the first.</summary>
    public string? FirstPathOf(in stat st, string relative)
    {
        if (((int)st.st_mode & LayerEntries.S_IFMT) is LayerEntries.S_IFLNK or LayerEntries.S_IFDIR || st.st_nlink <= 1) return null;
        var key = ((ulong)st.st_dev, (ulong)st.st_ino);
        if (_firstPathOfInode.TryGetValue(key, out string? first)) return first;
        _firstPathOfInode[key] = relative;
        return null;
    }
}
