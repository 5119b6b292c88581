using ContainerPS.Engine.Native;
using ContainerPS.Engine.Runtime.Copy;
using Tmds.Linux;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Opens directories of a stage's root by path, creating the missing ones (Dockerfile reference, "COPY": "All new
/// files and directories are created with a UID and GID of 0, unless the optional --chown flag specifies"), mode
/// 0755. Paths resolve inside the root only (<see cref="ContainerTree"/>: openat2 RESOLVE_IN_ROOT), so a symlink in
/// the image can redirect a destination within the image but never out of it.
/// </summary>
internal sealed unsafe class RootDirectories(int rootFd, CopyOwnership ownership)
{
    private const ushort DirectoryMode = 0x1ED; // 0755
    private readonly ContainerTree _tree = new(rootFd);

    public ICopyTree Tree => _tree;

    /// <summary>An O_RDONLY|O_DIRECTORY fd of <paramref name="path"/> (absolute in the root), made with its parents when missing.</summary>
    public int Ensure(string path)
    {
        int fd = _tree.Open(path, LibC.O_RDONLY | LibC.O_DIRECTORY);
        if (fd >= 0) return fd;
        if (-fd != LibC.ENOENT) throw Errno.Exception(-fd, "open", path);
        var (parentPath, name) = Split(path);
        int parent = Ensure(parentPath);
        try
        {
            fixed (byte* n = Utf8Path.ToArray(name))
            {
                if (LibC.mkdirat(parent, n, DirectoryMode) != 0 && Errno.Last != LibC.EEXIST) throw Errno.Exception("mkdirat", path);
                Errno.ThrowIfFailed(LibC.fchownat(parent, n, ownership.Uid, ownership.Gid, LibC.AT_SYMLINK_NOFOLLOW), "fchownat", path);
            }
        }
        finally
        {
            LibC.close(parent);
        }
        fd = _tree.Open(path, LibC.O_RDONLY | LibC.O_DIRECTORY);
        if (fd < 0) throw Errno.Exception(-fd, "open", path);
        return fd;
    }

    /// <summary>True when <paramref name="path"/> resolves to a directory in the root.</summary>
    public bool IsDirectory(string path)
    {
        int fd = _tree.Open(path, LibC.O_PATH | LibC.O_DIRECTORY);
        if (fd < 0) return false;
        LibC.close(fd);
        return true;
    }

    /// <summary>The parent directory and the last name of an absolute path.</summary>
    public static (string Parent, string Name) Split(string path)
    {
        var trimmed = path.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        return (slash <= 0 ? "/" : trimmed[..slash], trimmed[(slash + 1)..]);
    }
}
