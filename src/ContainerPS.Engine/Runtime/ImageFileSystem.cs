using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// A read-only view of what a container will see at <c>/</c>, built from the overlayfs lower directories (and the
/// container's upper directory, when given) without mounting anything: a path is looked up layer by layer, top
/// first, honouring overlay whiteouts (a 0/0 character device) and opaque directories
/// (<c>trusted.overlay.opaque=y</c>; kernel Documentation/filesystems/overlayfs.rst, "whiteouts and opaque
/// directories"). Symlinks are resolved in this merged view, never on the host: every lookup is an lstat relative
/// to a layer's directory fd, one component at a time, and files are opened with openat2(RESOLVE_BENEATH |
/// RESOLVE_NO_SYMLINKS). Nothing from the image is executed (hardening.md, principle 6).
/// </summary>
internal sealed unsafe class ImageFileSystem : IDisposable
{
    private const int MaxSymlinkHops = 40; // as the kernel's MAXSYMLINKS
    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint Directory = 0x4000; // S_IFDIR
    private const uint CharacterDevice = 0x2000; // S_IFCHR
    private readonly string[] _layers;
    private readonly FileDescriptor?[] _fds;

    /// <param name="layersTopFirst">Layer directories in overlay order: the top layer first.</param>
    public ImageFileSystem(IReadOnlyList<string> layersTopFirst)
    {
        _layers = [.. layersTopFirst];
        _fds = new FileDescriptor?[_layers.Length];
    }

    /// <summary>The entry at <paramref name="path"/> (absolute, inside the container), resolving symlinks in the merged view; null if there is none.</summary>
    public ImageFileEntry? Lookup(string path, bool followFinalSymlink)
    {
        var pending = new LinkedList<string>(Components(path));
        var resolved = new List<string>();
        ImageFileEntry? entry = new("/", -1, 0x4000 | 0x1ED, 0, 0);
        var hops = 0;
        while (pending.First is { } first)
        {
            var name = first.Value;
            pending.RemoveFirst();
            if (name == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                entry = resolved.Count == 0 ? new("/", -1, 0x4000 | 0x1ED, 0, 0) : EntryAt([.. resolved]);
                continue;
            }

            entry = EntryAt([.. resolved, name]);
            if (entry is null) return null;
            var isLast = pending.Count == 0;
            if (entry.IsSymlink && (!isLast || followFinalSymlink))
            {
                if (++hops > MaxSymlinkHops) return null;
                var target = ReadLink(entry);
                if (target.StartsWith('/')) resolved.Clear();
                foreach (var part in Components(target).Reverse()) pending.AddFirst(part);
                entry = resolved.Count == 0 ? new("/", -1, 0x4000 | 0x1ED, 0, 0) : EntryAt([.. resolved]);
                continue;
            }

            if (!isLast && !entry.IsDirectory) return null;
            resolved.Add(name);
        }

        return entry;
    }

    /// <summary>
    /// The content of a regular file, never through a symlink in its last component; null when there is no such
    /// regular file or it is larger than <paramref name="maxBytes"/> (hardening.md, principle 3).
    /// </summary>
    public byte[]? ReadRegularFile(string path, int maxBytes)
    {
        var entry = Lookup(path, followFinalSymlink: false);
        if (entry is null || !entry.IsRegularFile) return null;
        var how = new open_how
        {
            flags = (ulong)(LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC | LibC.O_NONBLOCK),
            resolve = LibC.RESOLVE_BENEATH | LibC.RESOLVE_NO_SYMLINKS | LibC.RESOLVE_NO_MAGICLINKS,
        };
        int fd;
        fixed (byte* p = Utf8Path.ToArray(entry.Path.TrimStart('/'))) fd = LibC.openat2(LayerFd(entry.Layer), p, &how, sizeof(open_how));
        if (fd < 0) return null;
        using var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1);
        stat st;
        if (LibC.fstat(fd, &st) != 0 || (st.st_mode & LibC.S_IFMT) != LibC.S_IFREG || st.st_size > maxBytes) return null;
        // Sized by fstat, not by the limit: a buffer of the limit (10 MiB for /etc/passwd) on every container start
        // went to the large object heap and cost a full GC per run. One byte more shows a file that grew meanwhile.
        var buffer = new byte[st.st_size + 1];
        var total = 0;
        for (int read; (read = stream.Read(buffer, total, buffer.Length - total)) > 0;)
        {
            total += read;
            if (total == buffer.Length)
            {
                if (total > maxBytes) return null;
                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, maxBytes + 1L));
            }
        }
        return buffer[..total];
    }

    public void Dispose()
    {
        foreach (var fd in _fds) fd?.Dispose();
    }

    /// <summary>
    /// The top-most layer's entry at exactly these components, whose parents the caller has already resolved to
    /// directories of the merged view. A whiteout, or a non-directory at a parent, hides every layer below.
    /// </summary>
    private ImageFileEntry? EntryAt(string[] components)
    {
        for (var layer = 0; layer < _layers.Length; layer++)
        {
            var opaque = false;
            for (var depth = 1; depth <= components.Length; depth++)
            {
                var relative = string.Join('/', components, 0, depth);
                if (!TryLstat(layer, relative, out var st)) break; // not in this layer: look below, unless a parent was opaque
                var mode = (uint)st.st_mode;
                if ((mode & TypeMask) == CharacterDevice && (ulong)st.st_rdev == 0) return null; // whiteout
                if (depth == components.Length) return new ImageFileEntry("/" + relative, layer, mode, (uint)st.st_uid, (uint)st.st_gid);
                if ((mode & TypeMask) != Directory) return null;
                opaque |= IsOpaque(layer, relative);
            }

            if (opaque) return null;
        }

        return null;
    }

    private bool TryLstat(int layer, string relative, out stat st)
    {
        fixed (byte* p = Utf8Path.ToArray(relative))
        fixed (stat* s = &st)
        {
            return LibC.fstatat(LayerFd(layer), p, s, LibC.AT_SYMLINK_NOFOLLOW) == 0;
        }
    }

    private bool IsOpaque(int layer, string relative)
    {
        var value = FileStatus.GetXattr(Path.Combine(_layers[layer], relative), "trusted.overlay.opaque");
        return value is [(byte)'y', ..];
    }

    private string ReadLink(ImageFileEntry entry)
    {
        var target = new byte[Utf8Path.Capacity];
        fixed (byte* p = Utf8Path.ToArray(entry.Path.TrimStart('/')))
        fixed (byte* t = target)
        {
            var length = (int)LibC.readlinkat(LayerFd(entry.Layer), p, t, target.Length);
            return length < 0 ? "" : System.Text.Encoding.UTF8.GetString(target, 0, length);
        }
    }

    private int LayerFd(int layer)
    {
        if (_fds[layer] is { } open) return open.Value;
        int fd;
        fixed (byte* p = Utf8Path.ToArray(_layers[layer])) fd = LibC.open(p, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd < 0) throw Errno.Exception("open", _layers[layer]);
        _fds[layer] = new FileDescriptor(fd);
        return fd;
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(c => c != ".");
}
