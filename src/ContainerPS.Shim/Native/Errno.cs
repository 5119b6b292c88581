namespace ContainerPS.Shim.Native;

/// <summary>errno as its symbolic name, for messages like "step 'mount-proc' failed: errno 13 (EACCES)".</summary>
internal static class Errno
{
    private static readonly string[] Names =
    [
        "0", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD", "EAGAIN",
        "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL",
        "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM",
        "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP",
    ];

    public static string Name(long errno) => errno switch
    {
        >= 0 and < 41 => Names[errno],
        Linux.ETIMEDOUT => "ETIMEDOUT",
        Linux.ECANCELED => "ECANCELED",
        _ => $"E#{errno}",
    };

    public static string Describe(long errno) => $"errno {errno} ({Name(errno)})";
}
