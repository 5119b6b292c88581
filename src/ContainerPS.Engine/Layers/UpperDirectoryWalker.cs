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

    private const int S_IFMT = LayerEntries.S_IFMT;
    private const int S_IFDIR = LayerEntries.S_IFDIR;
    private const int S_IFCHR = LayerEntries.S_IFCHR;
    private const int S_IFSOCK = LayerEntries.S_IFSOCK;

    private readonly string _root;
    private readonly InodeLinks _links = new();

    public UpperDirectoryWalker(string upperDirectory)
    {
        _root = Path.GetFullPath(upperDirectory).TrimEnd('/');
    }

    public IEnumerable<LayerEntry> Walk()
    {
        _links.Clear();
        return WalkDirectory("");
    }

    private IEnumerable<LayerEntry> WalkDirectory(string relativeDir)
    {
        string full = relativeDir.Length == 0 ? _root : _root + "/" + relativeDir;
        foreach (string name in LayerEntries.SortedNames(full))
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
                yield return LayerEntries.Of(relative, st, source);
                if (LayerEntries.IsOpaque(source))
                {
                    // layer.md "Opaque Whiteout": the marker hides everything below from lower layers; it comes right
                    // after its directory so that an applier meets it before the directory's new children.
                    yield return LayerEntries.Marker(relative + "/.wh..wh..opq", LayerEntryKind.OpaqueMarker, st, source);
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
                yield return LayerEntries.Marker(parent + ".wh." + name, LayerEntryKind.Whiteout, st, source);
                continue;
            }

            yield return _links.FirstPathOf(st, relative) is { } first
                ? LayerEntries.HardlinkTo(first, relative, st, source)
                : LayerEntries.Of(relative, st, source);
        }
    }
}
