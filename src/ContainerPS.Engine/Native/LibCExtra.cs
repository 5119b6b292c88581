using System.Runtime.InteropServices;

namespace ContainerPS.Engine.Native;

/// <summary>
/// The few libc calls that Tmds.LibC does not declare. Paths are NUL-terminated UTF-8 (see <see cref="Utf8Path"/>);
/// every call sets errno, read it with <see cref="Errno.Last"/>.
/// </summary>
internal static unsafe partial class LibCExtra
{
    private const string LibC = "libc.so.6";

    public const int LOCK_SH = 1;
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;
    public const int LOCK_UN = 8;

    /// <summary>renameat2(2): fail with EEXIST instead of replacing the new path.</summary>
    public const uint RENAME_NOREPLACE = 1;

    /// <summary>renameat2(2): atomically swap the two paths.</summary>
    public const uint RENAME_EXCHANGE = 2;

    /// <summary>flock(2): an advisory lock on the open file description, released when the last fd closes.</summary>
    [LibraryImport(LibC, SetLastError = true)]
    public static partial int flock(int fd, int operation);

    [LibraryImport(LibC, SetLastError = true)]
    public static partial int renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);

    [LibraryImport(LibC, SetLastError = true)]
    public static partial int fsetxattr(int fd, byte* name, byte* value, nuint size, int flags);

    [LibraryImport(LibC, SetLastError = true)]
    public static partial int lsetxattr(byte* path, byte* name, byte* value, nuint size, int flags);

    [LibraryImport(LibC, SetLastError = true)]
    public static partial nint lgetxattr(byte* path, byte* name, byte* value, nuint size);

    [LibraryImport(LibC, SetLastError = true)]
    public static partial nint llistxattr(byte* path, byte* list, nuint size);

    [LibraryImport(LibC, SetLastError = true)]
    public static partial nint getdents64(int fd, byte* dirp, nuint count);

    [LibraryImport(LibC, SetLastError = true)]
    public static partial int syncfs(int fd);

    /// <summary>sync_file_range(2) flag: start writeback of the range's dirty pages and do not wait for it.</summary>
    public const uint SYNC_FILE_RANGE_WRITE = 2;

    [LibraryImport(LibC, SetLastError = true)]
    public static partial int sync_file_range(int fd, long offset, long nbytes, uint flags);
}
