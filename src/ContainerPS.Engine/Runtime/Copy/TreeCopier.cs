using System.Buffers;
using ContainerPS.Engine.Native;
using ContainerPS.Engine.Unpack;
using Microsoft.Win32.SafeHandles;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>
/// Copies a file tree from one open directory to another, by file descriptor only (the same discipline as
/// <see cref="EntryWriter"/>): the source is walked with openat(O_PATH|O_NOFOLLOW) relative to the fd of the directory
/// being read, the destination is written with mkdirat, openat(O_CREAT|O_EXCL|O_NOFOLLOW), symlinkat and mknodat
/// relative to the fd of the directory being filled, and owners, modes and times are set on an fd or with
/// AT_SYMLINK_NOFOLLOW. No symlink is ever followed on either side, so a tree that changes while it is copied (a
/// directory swapped for a symlink to /) can make a copy fail but never read or write outside the two trees.
/// Symlinks stay symlinks; owners are kept as numbers (docker cp -a) unless <paramref name="ownership"/> replaces them;
/// sockets are skipped, as tar does.
/// </summary>
internal sealed unsafe class TreeCopier(CancellationToken ct, CopyOwnership? ownership = null)
{
    private const int DirentBufferSize = 32 * 1024;
    private const int CopyBufferSize = 256 * 1024;
    private const ushort PrivateMode = 0x180; // 0600 until the entry's own mode is set
    private const ushort PrivateDirectoryMode = 0x1C0; // 0700
    private const int MaxReplaceAttempts = 3;

    /// <summary>Copies the item <paramref name="source"/> (an O_PATH fd) as <paramref name="name"/> in <paramref name="destinationParent"/>, replacing what is there.</summary>
    public void CopyAs(int source, int destinationParent, string name, string display)
    {
        RefuseKernelFileSystem(destinationParent, display);
        var status = Status(source, display);
        if (IsDirectory(status)) RefuseKernelFileSystem(source, display);
        fixed (byte* n = Utf8Path.ToArray(name))
        {
            RefuseTypeChange(destinationParent, n, IsDirectory(status), display);
            CopyNode(source, status, destinationParent, n, display);
        }
    }

    /// <summary>Copies what the directory <paramref name="source"/> (an O_PATH fd) holds into <paramref name="destination"/> (docker cp SRC/. DEST).</summary>
    public void CopyContents(int source, int destination, string display)
    {
        RefuseKernelFileSystem(destination, display);
        RefuseKernelFileSystem(source, display);
        int reader = Reopen(source, LibC.O_RDONLY | LibC.O_DIRECTORY, display);
        try
        {
            CopyChildren(reader, destination, display);
        }
        finally
        {
            LibC.close(reader);
        }
    }

    /// <summary>
    /// Copies one item as <paramref name="name"/> in <paramref name="destinationParent"/>, a directory without what it
    /// holds: a build context's walk lists the entries to copy itself, ignored ones left out.
    /// </summary>
    public void CopyEntry(int source, int destinationParent, string name, string display)
    {
        var status = Status(source, display);
        fixed (byte* n = Utf8Path.ToArray(name))
        {
            RefuseTypeChange(destinationParent, n, IsDirectory(status), display);
            if (!IsDirectory(status))
            {
                CopyNode(source, status, destinationParent, n, display);
                return;
            }

            int directory = OpenOrCreateDirectory(destinationParent, n, display);
            try
            {
                SetOwnerAndMode(directory, status, display);
            }
            finally
            {
                LibC.close(directory);
            }
        }
    }

    public static stat Status(int fd, string display)
    {
        stat st;
        Errno.ThrowIfFailed(LibC.fstat(fd, &st), "fstat", display);
        return st;
    }

    public static bool IsDirectory(in stat status) => (status.st_mode & LibC.S_IFMT) == LibC.S_IFDIR;

    private void CopyNode(int source, in stat status, int parent, byte* name, string display)
    {
        ct.ThrowIfCancellationRequested();
        switch (status.st_mode & LibC.S_IFMT)
        {
            case var t when t == LibC.S_IFREG:
                CopyFile(source, status, parent, name, display);
                break;
            case var t when t == LibC.S_IFDIR:
                CopyDirectory(source, status, parent, name, display);
                break;
            case var t when t == LibC.S_IFLNK:
                CopySymlink(source, status, parent, name, display);
                break;
            case var t when t == LibC.S_IFCHR || t == LibC.S_IFBLK || t == LibC.S_IFIFO:
                CopySpecial(status, parent, name, display);
                break;
            default:
                break; // a socket: tar and docker cp leave it out
        }
    }

    private void CopyFile(int source, in stat status, int parent, byte* name, string display)
    {
        int output;
        for (int attempt = 0; (output = LibC.openat(parent, name, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, PrivateMode)) < 0; attempt++)
        {
            FreeName(parent, name, attempt, display);
        }

        try
        {
            using (var input = new FileStream(new SafeFileHandle(Reopen(source, LibC.O_RDONLY, display), ownsHandle: true), FileAccess.Read, bufferSize: 0))
            using (var destination = new FileStream(new SafeFileHandle(output, ownsHandle: false), FileAccess.Write, bufferSize: 0))
            {
                input.CopyTo(destination, CopyBufferSize);
            }

            // Owner before mode (chown clears setuid/setgid), the times last (writing changes them).
            SetOwnerAndMode(output, status, display);
            SetTimes(output, status, display);
        }
        finally
        {
            LibC.close(output);
        }
    }

    private void CopyDirectory(int source, in stat status, int parent, byte* name, string display)
    {
        int destination = OpenOrCreateDirectory(parent, name, display);
        try
        {
            // A directory on /proc or /sys is copied empty: its entries describe the kernel, not files.
            if (!KernelFileSystems.Contains(source))
            {
                CopyContents(source, destination, display);
            }

            SetOwnerAndMode(destination, status, display);
            SetTimes(destination, status, display); // last: creating the children changed it
        }
        finally
        {
            LibC.close(destination);
        }
    }

    private void CopyChildren(int reader, int destination, string display)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(DirentBufferSize);
        try
        {
            fixed (byte* entries = buffer)
            {
                var dirents = new DirentReader(reader, entries, buffer.Length);
                while (dirents.MoveNext(out byte* child, out _))
                {
                    string childDisplay = display.TrimEnd('/') + "/" + DirentReader.NameOf(child);
                    int childFd = LibC.openat(reader, child, LibC.O_PATH | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
                    if (childFd < 0 && Errno.Last == LibC.ENOENT) continue; // removed since it was listed
                    Errno.ThrowIfFailed(childFd, "openat", childDisplay);
                    try
                    {
                        CopyNode(childFd, Status(childFd, childDisplay), destination, child, childDisplay);
                    }
                    finally
                    {
                        LibC.close(childFd);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void CopySymlink(int source, in stat status, int parent, byte* name, string display)
    {
        byte[] target = new byte[Utf8Path.Capacity];
        fixed (byte* t = target)
        {
            byte empty = 0;

            // An empty path reads the link an O_PATH|O_NOFOLLOW fd names (readlinkat(2), since Linux 2.6.39).
            long length = LibC.readlinkat(source, &empty, t, target.Length - 1);
            Errno.ThrowIfFailed(length, "readlinkat", display);
            t[length] = 0;
            for (int attempt = 0; LibC.symlinkat(t, parent, name) != 0; attempt++)
            {
                FreeName(parent, name, attempt, display);
            }
        }

        Errno.ThrowIfFailed(LibC.fchownat(parent, name, Uid(status), Gid(status), LibC.AT_SYMLINK_NOFOLLOW), "fchownat", display);
        SetTimesNoFollow(parent, name, status, display);
    }

    private void CopySpecial(in stat status, int parent, byte* name, string display)
    {
        uint type = (uint)(status.st_mode & LibC.S_IFMT);
        ulong device = status.st_rdev;
        for (int attempt = 0; LibC.mknodat(parent, name, (ushort)(type | PrivateMode), device) != 0; attempt++)
        {
            FreeName(parent, name, attempt, display);
        }

        Errno.ThrowIfFailed(LibC.fchownat(parent, name, Uid(status), Gid(status), LibC.AT_SYMLINK_NOFOLLOW), "fchownat", display);

        // AT_SYMLINK_NOFOLLOW: if the node were swapped for a symlink meanwhile, glibc refuses rather than follow it.
        Errno.ThrowIfFailed(LibC.fchmodat(parent, name, Mode(status), LibC.AT_SYMLINK_NOFOLLOW), "fchmodat", display);
        SetTimesNoFollow(parent, name, status, display);
    }

    /// <summary>
    /// After a create call failed: if the name was taken, removes whatever holds it (a directory with all it has) so
    /// the caller can try again; any other failure, or a name taken again and again, throws.
    /// </summary>
    private static void FreeName(int parent, byte* name, int attempt, string display)
    {
        if (Errno.Last != LibC.EEXIST || attempt == MaxReplaceAttempts) throw Errno.Exception("create", display);
        TreeRemover.Remove(parent, name);
    }

    /// <summary>An existing directory is merged into; anything else of that name is replaced by a new directory.</summary>
    private static int OpenOrCreateDirectory(int parent, byte* name, string display)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (LibC.mkdirat(parent, name, PrivateDirectoryMode) != 0 && Errno.Last != LibC.EEXIST)
            {
                throw Errno.Exception("mkdirat", display);
            }

            int fd = LibC.openat(parent, name, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
            if (fd >= 0) return fd;
            int errno = Errno.Last;
            if ((errno != LibC.ENOTDIR && errno != LibC.ELOOP && errno != LibC.ENOENT) || attempt == MaxReplaceAttempts)
            {
                throw Errno.Exception(errno, "openat", display);
            }

            TreeRemover.Remove(parent, name); // a file or a symlink holds the name
        }
    }

    /// <summary>
    /// A readable fd of what the O_PATH fd <paramref name="pathFd"/> names, through /proc/self/fd: the same inode, with no
    /// path to race on (the way runc and libpathrs reopen O_PATH handles).
    /// </summary>
    private static int Reopen(int pathFd, int flags, string display)
    {
        fixed (byte* p = Utf8Path.ToArray($"/proc/self/fd/{pathFd}"))
        {
            int fd = LibC.open(p, flags | LibC.O_CLOEXEC, 0);
            Errno.ThrowIfFailed(fd, "open", display);
            return fd;
        }
    }

    /// <summary>docker cp's rule for the item named on the command line: a directory and a non-directory never replace each other.</summary>
    private static void RefuseTypeChange(int parent, byte* name, bool sourceIsDirectory, string display)
    {
        stat existing;
        if (LibC.fstatat(parent, name, &existing, LibC.AT_SYMLINK_NOFOLLOW) != 0) return; // nothing there yet
        if (IsDirectory(existing) == sourceIsDirectory) return;
        throw CopyErrors.Failed(
            sourceIsDirectory ? $"Cannot overwrite the non-directory '{display}' with a directory." : $"Cannot overwrite the directory '{display}' with a non-directory.",
            display);
    }

    private static void RefuseKernelFileSystem(int fd, string display)
    {
        if (KernelFileSystems.Contains(fd))
        {
            throw CopyErrors.Failed($"'{display}' is on a kernel file system (/proc, /sys, cgroup), which is not copied to or from.", display);
        }
    }

    private void SetOwnerAndMode(int fd, in stat status, string display)
    {
        Errno.ThrowIfFailed(LibC.fchown(fd, Uid(status), Gid(status)), "fchown", display);
        Errno.ThrowIfFailed(LibC.fchmod(fd, Mode(status)), "fchmod", display);
    }

    private uint Uid(in stat status) => ownership?.Uid ?? status.st_uid;

    private uint Gid(in stat status) => ownership?.Gid ?? status.st_gid;

    private ushort Mode(in stat status) => ownership?.Mode ?? (ushort)(status.st_mode & 0xFFF);

    private static void SetTimes(int fd, in stat status, string display)
    {
        timespec* times = stackalloc timespec[2] { status.st_atim, status.st_mtim };
        Errno.ThrowIfFailed(LibC.futimens(fd, times), "futimens", display);
    }

    private static void SetTimesNoFollow(int parent, byte* name, in stat status, string display)
    {
        timespec* times = stackalloc timespec[2] { status.st_atim, status.st_mtim };
        Errno.ThrowIfFailed(LibC.utimensat(parent, name, times, LibC.AT_SYMLINK_NOFOLLOW), "utimensat", display);
    }
}
