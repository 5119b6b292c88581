using System.Text;
using Tmds.Linux;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// The file system calls cgroups need, made directly so errno survives: cgroupfs answers with errno (EBUSY, EINVAL,
/// ENOSPC...) and the caller must see which. Reads are bounded: control files are tiny, and a bound keeps a hostile or
/// broken file system from making the supervisor allocate without limit.
/// </summary>
internal static unsafe class CgroupFiles
{
    /// <summary>Every control file we read is a few KiB at most (memory.stat is the largest, ~3 KiB).</summary>
    public const int MaxControlFileBytes = 64 * 1024;

    /// <summary>cgroup.procs of a fork bomb is large: 4 MiB holds half a million PIDs of up to 7 digits.</summary>
    public const int MaxProcsFileBytes = 4 * 1024 * 1024;

    private const int DirectoryMode = 0x1ED; // 0755, as runc creates cgroup directories

    /// <summary>The file's text, or null when the file does not exist (ENOENT).</summary>
    public static string? TryRead(string path, int maxBytes = MaxControlFileBytes)
    {
        int fd;
        fixed (byte* p = ToCString(path))
        {
            fd = LibC.open(p, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            int errno = LibC.errno;
            return errno == LibC.ENOENT ? null : throw CgroupException.FromErrno(CgroupErrorIds.ReadFailed, "open", path, errno);
        }

        try
        {
            return Encoding.UTF8.GetString(ReadAll(fd, path, maxBytes));
        }
        finally
        {
            LibC.close(fd);
        }
    }

    /// <summary>The file's text; a missing file is an error.</summary>
    public static string Read(string path, int maxBytes = MaxControlFileBytes) =>
        TryRead(path, maxBytes) ?? throw CgroupException.FromErrno(CgroupErrorIds.ReadFailed, "open", path, LibC.ENOENT);

    /// <summary>
    /// Writes <paramref name="value"/> in one write(2): cgroupfs parses each write as one command. O_TRUNC matters only
    /// for ordinary files (test trees); cgroupfs ignores it. The file is never created.
    /// </summary>
    public static void Write(string path, string value)
    {
        int fd;
        fixed (byte* p = ToCString(path))
        {
            fd = LibC.open(p, LibC.O_WRONLY | LibC.O_TRUNC | LibC.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            throw CgroupException.FromErrno(CgroupErrorIds.WriteFailed, "open", path, LibC.errno);
        }

        try
        {
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            fixed (byte* b = bytes)
            {
                long written = LibC.write(fd, b, bytes.Length);
                if (written < 0)
                {
                    throw CgroupException.FromErrno(CgroupErrorIds.WriteFailed, $"write '{value}' to", path, LibC.errno);
                }

                if (written != bytes.Length)
                {
                    throw new CgroupException(CgroupErrorIds.WriteFailed, $"Short write of '{value}' to '{path}'.", path);
                }
            }
        }
        finally
        {
            LibC.close(fd);
        }
    }

    /// <summary>mkdir(2): true when created, false when it already existed; other failures throw.</summary>
    public static bool MakeDirectory(string path)
    {
        int result;
        fixed (byte* p = ToCString(path))
        {
            result = LibC.mkdir(p, DirectoryMode);
        }

        if (result == 0)
        {
            return true;
        }

        int errno = LibC.errno;
        return errno == LibC.EEXIST ? false : throw CgroupException.FromErrno(CgroupErrorIds.CreateFailed, "mkdir", path, errno);
    }

    /// <summary>rmdir(2): 0 on success, else errno.</summary>
    public static int RemoveDirectory(string path)
    {
        fixed (byte* p = ToCString(path))
        {
            return LibC.rmdir(p) == 0 ? 0 : LibC.errno;
        }
    }

    private static byte[] ReadAll(int fd, string path, int maxBytes)
    {
        var buffer = new byte[Math.Min(maxBytes + 1, 8192)];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > maxBytes)
                {
                    throw new CgroupException(CgroupErrorIds.ReadFailed, $"'{path}' is larger than {maxBytes} bytes.", path);
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes + 1));
            }

            long n;
            fixed (byte* b = buffer)
            {
                n = LibC.read(fd, b + length, buffer.Length - length);
            }

            if (n < 0)
            {
                int errno = LibC.errno;
                if (errno == LibC.EINTR)
                {
                    continue;
                }

                throw CgroupException.FromErrno(CgroupErrorIds.ReadFailed, "read", path, errno);
            }

            if (n == 0)
            {
                return buffer.AsSpan(0, length).ToArray();
            }

            length += (int)n;
        }
    }

    private static byte[] ToCString(string path)
    {
        if (path.Contains('\0'))
        {
            throw new CgroupException(CgroupErrorIds.InvalidPath, "A path contains a NUL character.", path);
        }

        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
