using System.Text;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Layers;

/// <summary>
/// Walks an overlayfs upper directory (a container's writable layer) and yields its entries as a layer tar must hold
/// them, in a fixed order: depth first, the names of each directory sorted by their UTF-8 bytes, a directory before
/// its children. Every node is read with lstat and never followed, so a symlink in the upper directory is an entry,
/// not a way out of it. Overlay's own state becomes the image-spec's markers (layer.md, "Whiteouts"): a 0/0 char
/// device is a <c>.wh.</c> file, a directory with the opaque xattr is followed by <c>.wh..wh..opq</c>.
/// </summary>
public sealed class UpperDirectoryWalker
{
    /// <summary>The files the engine writes into every container (docker leaves them out of commits and diffs too).</summary>
    public static readonly IReadOnlySet<string> EngineManagedFiles =
        new HashSet<string>(StringComparer.Ordinal) { "etc/hosts", "etc/resolv.conf", "etc/hostname" };

    private const int S_IFMT = 0xF000;
    private const int S_IFDIR = 0x4000;
    private const int S_IFREG = 0x8000;
    private const int S_IFLNK = 0xA000;
    private const int S_IFCHR = 0x2000;
    private const int S_IFBLK = 0x6000;
    private const int S_IFIFO = 0x1000;
    private const int S_IFSOCK = 0xC000;

    private readonly string _root;
    private readonly Dictionary<(ulong Dev, ulong Ino), string> _firstPathOfInode = [];

    public UpperDirectoryWalker(string upperDirectory)
    {
        _root = Path.GetFullPath(upperDirectory).TrimEnd('/');
    }

    public IEnumerable<LayerEntry> Walk()
    {
        _firstPathOfInode.Clear();
        return WalkDirectory("");
    }

    private IEnumerable<LayerEntry> WalkDirectory(string relativeDir)
    {
        string full = relativeDir.Length == 0 ? _root : _root + "/" + relativeDir;
        foreach (string name in SortedNames(full))
        {
            string relative = relativeDir.Length == 0 ? name : relativeDir + "/" + name;
            if (EngineManagedFiles.Contains(relative))
            {
                continue;
            }

            string source = _root + "/" + relative;
            if (!FileStatus.TryGet(source, out stat st))
            {
                continue; // gone since readdir: nothing to write
            }

            int type = (int)st.st_mode & S_IFMT;
            if (type == S_IFDIR)
            {
                yield return Make(relative, LayerEntryKind.Directory, st, source, size: 0, link: null);
                if (IsOpaque(source))
                {
                    // layer.md "Opaque Whiteout": the marker hides everything below from lower layers; it comes right
                    // after its directory so that an applier meets it before the directory's new children.
                    yield return Marker(relative + "/.wh..wh..opq", LayerEntryKind.OpaqueMarker, st, source);
                }

                foreach (LayerEntry child in WalkDirectory(relative))
                {
                    yield return child;
                }

                continue;
            }

            if (type == S_IFSOCK)
            {
                continue; // a socket has no tar form (docker leaves them out too)
            }

            if (type == S_IFCHR && st.st_rdev == 0)
            {
                string parent = relativeDir.Length == 0 ? "" : relativeDir + "/";
                yield return Marker(parent + ".wh." + name, LayerEntryKind.Whiteout, st, source);
                continue;
            }

            if (type != S_IFLNK && st.st_nlink > 1)
            {
                // layer.md "Hardlinks": a later path of an inode already written is a link to the first path.
                var key = ((ulong)st.st_dev, (ulong)st.st_ino);
                if (_firstPathOfInode.TryGetValue(key, out string? first))
                {
                    yield return Make(relative, LayerEntryKind.Hardlink, st, source, size: 0, link: first);
                    continue;
                }

                _firstPathOfInode[key] = relative;
            }

            yield return type switch
            {
                S_IFREG => Make(relative, LayerEntryKind.Regular, st, source, size: st.st_size, link: null),
                S_IFLNK => Make(relative, LayerEntryKind.Symlink, st, source, size: 0, link: ReadLink(source)),
                S_IFCHR => Make(relative, LayerEntryKind.CharDevice, st, source, size: 0, link: null),
                S_IFBLK => Make(relative, LayerEntryKind.BlockDevice, st, source, size: 0, link: null),
                S_IFIFO => Make(relative, LayerEntryKind.Fifo, st, source, size: 0, link: null),
                _ => throw new InvalidOperationException($"'{relative}' has file type {type:x}."),
            };
        }
    }

    /// <summary>The names in a directory sorted by UTF-8 bytes (what tar readers and other engines compare), not UTF-16.</summary>
    private static List<string> SortedNames(string directory)
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

    private static bool IsOpaque(string directory) =>
        IsY(FileStatus.GetXattr(directory, "trusted.overlay.opaque")) || IsY(FileStatus.GetXattr(directory, "user.overlay.opaque"));

    private static bool IsY(byte[]? value) => value is [(byte)'y'];

    private static string ReadLink(string path) => new FileInfo(path).LinkTarget ?? "";

    private static LayerEntry Make(string relative, LayerEntryKind kind, in stat st, string source, long size, string? link) =>
        new(relative, kind, (int)st.st_mode & 0xFFF, st.st_uid, st.st_gid, st.st_mtim.tv_sec, size, link,
            DeviceNumber.Major(st.st_rdev), DeviceNumber.Minor(st.st_rdev), kind == LayerEntryKind.Hardlink ? [] : XattrReader.Read(source),
            source, (ulong)st.st_ino);

    /// <summary>A whiteout marker: an empty regular file with the owner and mtime of what it stands for and mode 0.</summary>
    private static LayerEntry Marker(string relative, LayerEntryKind kind, in stat st, string source) =>
        new(relative, kind, 0, st.st_uid, st.st_gid, st.st_mtim.tv_sec, 0, null, 0, 0, [], source, (ulong)st.st_ino);
}
