using System.Buffers;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// <c>rm -rf</c> of one entry, by file descriptor: every step is relative to the fd of the directory being emptied and
/// no symlink is ever followed, so a layer cannot steer a removal outside its root.
/// </summary>
internal static unsafe class TreeRemover
{
    private const int BufferSize = 32 * 1024;

    /// <summary>Removes <paramref name="name"/> in <paramref name="parentFd"/> whatever it is; false if it did not exist.</summary>
    public static bool Remove(int parentFd, byte* name)
    {
        if (LibC.unlinkat(parentFd, name, 0) == 0)
        {
            return true;
        }

        int errno = Errno.Last;
        if (errno == LibC.ENOENT)
        {
            return false;
        }

        if (errno != LibC.EISDIR)
        {
            throw Errno.Exception(errno, "unlinkat", DirentReader.NameOf(name));
        }

        RemoveDirectory(parentFd, name);
        return true;
    }

    /// <summary>Removes the tree at an absolute path (a snapshot the store owns), by fd below its parent directory.</summary>
    public static void RemovePath(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        var parent = Utf8Path.ToArray(Path.GetDirectoryName(full)!);
        var name = Utf8Path.ToArray(Path.GetFileName(full));
        fixed (byte* p = parent)
        fixed (byte* n = name)
        {
            int parentFd = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
            if (parentFd < 0)
            {
                throw Errno.Exception("open", full);
            }

            try
            {
                Remove(parentFd, n);
            }
            finally
            {
                LibC.close(parentFd);
            }
        }
    }

    /// <summary>Removes everything inside the open directory <paramref name="dirFd"/>.</summary>
    public static void EmptyDirectory(int dirFd)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            fixed (byte* entries = buffer)
            {
                // Removing entries while reading a directory may make getdents skip some on some filesystems,
                // so rewind and read again until a pass finds nothing.
                bool removedAny;
                do
                {
                    removedAny = false;
                    Errno.ThrowIfFailed(LibC.lseek(dirFd, 0, LibC.SEEK_SET), "lseek", null);
                    var reader = new DirentReader(dirFd, entries, buffer.Length);
                    while (reader.MoveNext(out byte* child, out byte type))
                    {
                        if (type == DirentReader.DT_DIR)
                        {
                            RemoveDirectory(dirFd, child);
                        }
                        else
                        {
                            Remove(dirFd, child);
                        }

                        removedAny = true;
                    }
                }
                while (removedAny);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void RemoveDirectory(int parentFd, byte* name)
    {
        int fd = LibC.openat(parentFd, name, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw Errno.Exception("openat", DirentReader.NameOf(name));
        }

        try
        {
            EmptyDirectory(fd);
        }
        finally
        {
            LibC.close(fd);
        }

        if (LibC.unlinkat(parentFd, name, LibC.AT_REMOVEDIR) != 0)
        {
            throw Errno.Exception("unlinkat", DirentReader.NameOf(name));
        }
    }
}
