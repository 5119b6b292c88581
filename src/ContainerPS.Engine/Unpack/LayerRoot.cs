using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// The target directory of one layer, opened once. Every directory an entry needs is resolved from this fd with
/// openat2(RESOLVE_IN_ROOT): symlinks, absolute ones included, resolve against the layer root and ".." stops at it,
/// so no entry can reach the host (hardening.md, principle 1). Magic links (/proc/self/...) and mount crossings
/// are refused outright.
/// </summary>
internal sealed unsafe class LayerRoot : IDisposable
{
    private const int MaxEagainRetries = 4;
    private const ushort ImplicitDirectoryMode = 0x1ED; // 0755, what tar gives directories that have no entry
    private const int MaxSymlinkDepth = 40;

    private static readonly ulong Resolve = LibC.RESOLVE_IN_ROOT | LibC.RESOLVE_NO_MAGICLINKS | LibC.RESOLVE_NO_XDEV;

    private readonly FileDescriptor _root;
    private readonly ParentDirectoryCache _cache = new();
    private readonly byte[] _path = new byte[Utf8Path.Capacity];
    private readonly byte[] _name = new byte[Utf8Path.Capacity];
    private int _symlinkDepth;

    private LayerRoot(FileDescriptor root)
    {
        _root = root;
    }

    public int Fd => _root.Value;

    /// <summary>Opens <paramref name="targetDirectory"/>, which must exist and be empty.</summary>
    public static LayerRoot Open(string targetDirectory)
    {
        fixed (byte* path = Utf8Path.ToArray(targetDirectory))
        {
            int fd = LibC.open(path, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
            if (fd < 0)
            {
                throw Errno.Exception("open", targetDirectory);
            }

            var root = new LayerRoot(new FileDescriptor(fd));
            if (!root.IsEmpty())
            {
                root.Dispose();
                throw Fail.FailedPrecondition(
                    "UnpackTargetNotEmpty", $"A layer is unpacked only into an empty directory; '{targetDirectory}' is not empty.", targetDirectory);
            }

            return root;
        }
    }

    /// <summary>Starts the next tar entry (lets the directory cache drop what an earlier removal made stale).</summary>
    public void BeginEntry() => _cache.BeginEntry();

    /// <summary>Removes <paramref name="name"/> in <paramref name="parentFd"/>, a whole tree if it is a directory.</summary>
    public void Remove(int parentFd, byte* name)
    {
        if (TreeRemover.Remove(parentFd, name))
        {
            _cache.Invalidate();
        }
    }

    /// <summary>
    /// The fd of directory <paramref name="path"/> (relative to the root, "" is the root), valid until the next entry
    /// begins. Missing directories are created (0755, root-owned) when <paramref name="createMissing"/>, as tar does;
    /// otherwise a missing directory gives -1.
    /// </summary>
    public int Directory(ReadOnlySpan<char> path, bool createMissing)
    {
        if (path.IsEmpty)
        {
            return Fd;
        }

        if (_cache.TryGet(path, out int fd))
        {
            return fd;
        }

        fd = OpenDirectory(path, followLast: true, out int errno);
        if (fd < 0 && errno == LibC.ENOENT)
        {
            if (!createMissing)
            {
                return -1;
            }

            fd = CreateDirectories(path);
        }
        else if (fd < 0)
        {
            throw DirectoryError(errno, path);
        }

        _cache.Add(path, fd);
        return fd;
    }

    /// <summary>Hands an open directory fd to the cache (it now owns it), for the entries that will follow inside it.</summary>
    public void Remember(ReadOnlySpan<char> path, int fd) => _cache.Add(path, fd);

    /// <summary>
    /// openat2 of a directory inside the root; -1 and <paramref name="errno"/> on failure. The caller owns the fd.
    /// O_RDONLY rather than O_PATH: the same fd then also takes fchown/fchmod/fsetxattr (O_PATH fds refuse those),
    /// and as root reading a directory is never denied.
    /// </summary>
    public int OpenDirectory(ReadOnlySpan<char> path, bool followLast, out int errno)
    {
        Utf8Path.Encode(path, _path);
        var how = new open_how
        {
            flags = (ulong)(LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC | (followLast ? 0 : LibC.O_NOFOLLOW)),
            resolve = Resolve,
        };
        fixed (byte* p = _path)
        {
            for (int attempt = 0; ; attempt++)
            {
                int fd = LibC.openat2(Fd, p, &how, sizeof(open_how));
                errno = fd < 0 ? Errno.Last : 0;

                // EAGAIN: RESOLVE_IN_ROOT saw a concurrent rename and asks us to try again.
                if (fd >= 0 || errno != LibC.EAGAIN || attempt == MaxEagainRetries)
                {
                    return fd;
                }
            }
        }
    }

    public void Dispose()
    {
        _cache.Dispose();
        _root.Dispose();
    }

    // mkdir -p, one segment at a time, each opened again through openat2 so that a symlink planted earlier in the
    // layer is followed inside the root, never outside it.
    private int CreateDirectories(ReadOnlySpan<char> path)
    {
        int current = Fd;
        int start = 0;
        while (true)
        {
            int slash = path[start..].IndexOf('/');
            int end = slash < 0 ? path.Length : start + slash;
            int next = OpenOrCreate(current, path[..end], path[start..end]);
            if (current != Fd)
            {
                LibC.close(current);
            }

            if (slash < 0)
            {
                return next;
            }

            current = next;
            start = end + 1;
        }
    }

    private int OpenOrCreate(int parentFd, ReadOnlySpan<char> path, ReadOnlySpan<char> name)
    {
        int fd = OpenDirectory(path, followLast: true, out int errno);
        if (fd >= 0)
        {
            return fd;
        }

        if (errno != LibC.ENOENT)
        {
            throw DirectoryError(errno, path);
        }

        Utf8Path.Encode(name, _name);
        fixed (byte* n = _name)
        {
            bool created = LibC.mkdirat(parentFd, n, ImplicitDirectoryMode) == 0;
            if (!created && Errno.Last != LibC.EEXIST)
            {
                throw Errno.Exception("mkdirat", path.ToString());
            }

            // EEXIST and still ENOENT: the name is a symlink whose target does not exist in this layer.
            fd = OpenDirectory(path, followLast: true, out errno);
            if (fd < 0 && errno == LibC.ENOENT && !created)
            {
                CreateSymlinkTarget(parentFd, path, name);
                fd = OpenDirectory(path, followLast: true, out errno);
            }

            if (fd < 0)
            {
                throw DirectoryError(errno, path);
            }

            if (created)
            {
                Errno.ThrowIfFailed(LibC.fchmod(fd, ImplicitDirectoryMode), "fchmod", path.ToString());
            }

            return fd;
        }
    }

    /// <summary>
    /// A parent that is a symlink to a directory this layer does not have (<c>localetc -> /etc</c>, then
    /// <c>localetc/x</c>): the target usually lives in a lower layer. The target's directories are created here,
    /// inside the root, so the entry lands where the merged rootfs resolves the link (<c>etc/x</c>), as an unpack
    /// into a flattened rootfs would put it (hardening.md, first tar case). Loops stop after 40 links, as ELOOP does.
    /// </summary>
    private void CreateSymlinkTarget(int parentFd, ReadOnlySpan<char> path, ReadOnlySpan<char> name)
    {
        if (++_symlinkDepth > MaxSymlinkDepth)
        {
            throw UnpackErrors.InvalidLayer($"'{path}' cannot be resolved: too many symlinks.", path.ToString());
        }

        try
        {
            var linkParent = path[..^name.Length].TrimEnd('/');
            var target = LayerPath.CleanInRoot(ReadLink(parentFd, name, path), linkParent);
            if (target.Length > 0)
            {
                LibC.close(CreateDirectories(target));
            }
        }
        finally
        {
            _symlinkDepth--;
        }
    }

    private string ReadLink(int parentFd, ReadOnlySpan<char> name, ReadOnlySpan<char> path)
    {
        Utf8Path.Encode(name, _name);
        var target = new byte[Utf8Path.Capacity];
        fixed (byte* n = _name)
        fixed (byte* t = target)
        {
            var length = (int)LibC.readlinkat(parentFd, n, t, target.Length);
            if (length < 0)
            {
                throw Errno.Exception("readlinkat", path.ToString());
            }

            return System.Text.Encoding.UTF8.GetString(target, 0, length);
        }
    }

    private static Exception DirectoryError(int errno, ReadOnlySpan<char> path)
    {
        string where = path.ToString();
        if (errno == LibC.ENOTDIR || errno == LibC.ENOENT)
        {
            return UnpackErrors.InvalidLayer($"'{where}' is not a directory in the layer (a file or a dangling symlink is in the way).", where, Errno.Exception(errno, "openat2", where));
        }

        if (errno == LibC.ELOOP)
        {
            return UnpackErrors.InvalidLayer($"'{where}' cannot be resolved: too many symlinks or a magic link.", where, Errno.Exception(errno, "openat2", where));
        }

        if (errno == LibC.EXDEV)
        {
            return UnpackErrors.PathEscapesRoot(where);
        }

        return Errno.Exception(errno, "openat2", where);
    }

    private bool IsEmpty()
    {
        byte* buffer = stackalloc byte[1024];
        var reader = new DirentReader(Fd, buffer, 1024);
        return !reader.MoveNext(out _, out _);
    }
}
