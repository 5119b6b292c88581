namespace ContainerPS.Shim.Native;

/// <summary>
/// errno as its symbolic name and its text, for messages like "step 'mount-proc' failed: errno 13 (EACCES): permission
/// denied". The text is strerror(3)'s (lowercase, as runc's messages give it): podman classifies a runtime's error by
/// it ("permission denied" or "operation not permitted" is exit code 126, "no such file or directory" 127).
/// </summary>
internal static class Errno
{
    private static readonly (string Name, string Text)[] Table =
    [
        ("0", "success"), ("EPERM", "operation not permitted"), ("ENOENT", "no such file or directory"),
        ("ESRCH", "no such process"), ("EINTR", "interrupted system call"), ("EIO", "input/output error"),
        ("ENXIO", "no such device or address"), ("E2BIG", "argument list too long"), ("ENOEXEC", "exec format error"),
        ("EBADF", "bad file descriptor"), ("ECHILD", "no child processes"), ("EAGAIN", "resource temporarily unavailable"),
        ("ENOMEM", "cannot allocate memory"), ("EACCES", "permission denied"), ("EFAULT", "bad address"),
        ("ENOTBLK", "block device required"), ("EBUSY", "device or resource busy"), ("EEXIST", "file exists"),
        ("EXDEV", "invalid cross-device link"), ("ENODEV", "no such device"), ("ENOTDIR", "not a directory"),
        ("EISDIR", "is a directory"), ("EINVAL", "invalid argument"), ("ENFILE", "too many open files in system"),
        ("EMFILE", "too many open files"), ("ENOTTY", "inappropriate ioctl for device"), ("ETXTBSY", "text file busy"),
        ("EFBIG", "file too large"), ("ENOSPC", "no space left on device"), ("ESPIPE", "illegal seek"),
        ("EROFS", "read-only file system"), ("EMLINK", "too many links"), ("EPIPE", "broken pipe"),
        ("EDOM", "numerical argument out of domain"), ("ERANGE", "numerical result out of range"),
        ("EDEADLK", "resource deadlock avoided"), ("ENAMETOOLONG", "file name too long"), ("ENOLCK", "no locks available"),
        ("ENOSYS", "function not implemented"), ("ENOTEMPTY", "directory not empty"), ("ELOOP", "too many levels of symbolic links"),
    ];

    /// <summary>Beyond the table: the hook runner's timeout and cancellation (Hooks/, native/hook.c).</summary>
    private static (string Name, string Text)? Lookup(long errno) => errno switch
    {
        >= 0 when errno < Table.Length => Table[errno],
        Linux.ETIMEDOUT => ("ETIMEDOUT", "connection timed out"),
        Linux.ECANCELED => ("ECANCELED", "operation canceled"),
        _ => null,
    };

    public static string Name(long errno) => Lookup(errno)?.Name ?? $"E#{errno}";

    public static string Describe(long errno) => Lookup(errno) is { } known ? $"errno {errno} ({known.Name}): {known.Text}" : $"errno {errno} (E#{errno})";
}
