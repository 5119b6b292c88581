namespace ContainerPS.Engine.Layers;

/// <summary>
/// One entry of a layer as it will be written: <see cref="Path"/> is relative to the layer root, '/'-separated, with no
/// leading "./" or trailing "/" (the tar writer adds the "/" of directories). <see cref="SourcePath"/> is the file in
/// the upper directory whose bytes a <see cref="LayerEntryKind.Regular"/> entry carries.
/// </summary>
public sealed record LayerEntry(
    string Path,
    LayerEntryKind Kind,
    int Mode,
    long Uid,
    long Gid,
    long MtimeSeconds,
    long Size,
    string? LinkTarget,
    uint DevMajor,
    uint DevMinor,
    IReadOnlyList<KeyValuePair<string, byte[]>> Xattrs,
    string SourcePath,
    ulong Inode);
