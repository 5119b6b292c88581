using System.ComponentModel;
using ContainerPS.Engine.Errors;
using Tmds.Linux;

namespace ContainerPS.Engine.Native;

/// <summary>Turns a failed syscall into a <see cref="ContainerPSException"/> that keeps errno and its text.</summary>
internal static class Errno
{
    /// <summary>errno of the last P/Invoke on this thread (all our declarations use SetLastError).</summary>
    public static int Last => LibC.errno;

    public static ContainerPSException Exception(string operation, string? path) => Exception(Last, operation, path);

    public static ContainerPSException Exception(int errno, string operation, string? path)
    {
        var inner = new Win32Exception(errno);
        string message = $"{operation}({path}) failed: {inner.Message} (errno {errno}).";
        return errno switch
        {
            _ when errno == LibC.EACCES || errno == LibC.EPERM => Fail.PermissionDenied("SystemCallDenied", message, path, inner),
            _ when errno == LibC.ENOENT => Fail.NotFound("SystemCallNotFound", message, path, inner),
            _ when errno == LibC.EEXIST => Fail.Conflict("SystemCallConflict", message, path, inner),
            _ when errno == LibC.ENOSPC || errno == LibC.EDQUOT => Fail.Unavailable("StorageFull", message, path, inner),
            _ when errno == LibC.ENOTSUP || errno == LibC.ENOSYS => Fail.NotSupported("SystemCallNotSupported", message, path, inner),
            _ => Fail.Internal("SystemCallFailed", message, path, inner),
        };
    }

    /// <summary>Throws when <paramref name="result"/> is negative, the libc convention for failure.</summary>
    public static void ThrowIfFailed(long result, string operation, string? path)
    {
        if (result < 0)
        {
            throw Exception(operation, path);
        }
    }
}
