using System.Text;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Layers;

/// <summary>Makes a <see cref="LayerEntry"/> from a node's lstat, for the walkers of an upper directory and of a merged tree.</summary>
internal static class LayerEntries
{
    public const int S_IFMT = 0xF000;
    public const int S_IFDIR = 0x4000;
    public const int S_IFREG = 0x8000;
    public const int S_IFLNK = 0xA000;
    public const int S_IFCHR = 0x2000;
    public const int S_IFBLK = 0x6000;
    public const int S_IFIFO = 0x1000;
    public const int S_IFSOCK = 0xC000;

    /// <summary>The entry for a node of any type but a socket (which has no tar form).</summary>
    public static LayerEntry Of(string relative, in stat st, string source)
    {
        int type = (int)st.st_mode & S_IFMT;
        return type switch
        {
            S_IFDIR => Make(relative, LayerEntryKind.Directory, st, source, size: 0, link: null),
            S_IFREG => Make(relative, LayerEntryKind.Regular, st, source, size: st.st_size, link: null),
            S_IFLNK => Make(relative, LayerEntryKind.Symlink, st, source, size: 0, link: new FileInfo(source).LinkTarget ?? ""),
            S_IFCHR => Make(relative, LayerEntryKind.CharDevice, st, source, size: 0, link: null),
            S_IFBLK => Make(relative, LayerEntryKind.BlockDevice, st, source, size: 0, link: null),
            S_IFIFO => Make(relative, LayerEntryKind.Fifo, st, source, size: 0, link: null),
            _ => throw new InvalidOperationException($"'{relative}' has file type {type:x}."),
        };
    }

    /// <summary>A later path of an inode already written: a hard link to <paramref name="first"/> (layer.md, "Hardlinks").</summary>
    public static LayerEntry HardlinkTo(string first, string relative, in stat st, string source) =>
        Make(relative, LayerEntryKind.Hardlink, st, source, size: 0, link: first);

    /// <summary>A whiteout marker: an empty regular file with the owner and mtime of what it stands for and mode 0.</summary>
    public static LayerEntry Marker(string relative, LayerEntryKind kind, in stat st, string source) =>
        new(relative, kind, 0, st.st_uid, st.st_gid, st.st_mtim.tv_sec, 0, null, 0, 0, [], source, (ulong)st.st_ino);

    private static LayerEntry Make(string relative, LayerEntryKind kind, in stat st, string source, long size, string? link) =>
        new(relative, kind, (int)st.st_mode & 0xFFF, st.st_uid, st.st_gid, st.st_mtim.tv_sec, size, link,
            DeviceNumber.Major(st.st_rdev), DeviceNumber.Minor(st.st_rdev), kind == LayerEntryKind.Hardlink ? [] : XattrReader.Read(source),
            source, (ulong)st.st_ino);

    /// <summary>The names in a directory sorted by UTF-8 bytes (what tar readers and other engines compare), not UTF-16.</summary>
    public static List<string> SortedNames(string directory)
    {
        var names = new List<(byte[] Bytes, string Name)>();
        foreach (string path in Directory.EnumerateFileSystemEntries(directory))
        {
            string name = Path.GetFileName(path);
            names.Add((Encoding.UTF8.GetBytes(name), name));
        }

        names.Sort((a, b) => a.Bytes.AsSpan().SequenceCompareTo(b.Bytes));
        return names.ConvertAll(n => n.Name);
    }

    /// <summary>overlayfs marks a directory that hides the layers below with trusted.overlay.opaque (user. when unprivileged).</summary>
    public static bool IsOpaque(string directory) =>
        FileStatus.GetXattr(directory, "trusted.overlay.opaque") is [(byte)'y'] || FileStatus.GetXattr(directory, "user.overlay.opaque") is [(byte)'y'];

    /// <summary>A 0/0 character device: overlayfs's whiteout.</summary>
    public static bool IsWhiteout(in stat st) => ((int)st.st_mode & S_IFMT) == S_IFCHR && st.st_rdev == 0;
}
