using System.ComponentModel;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// A deliberate cgroup failure. The Runtime project cannot use the engine's ContainerPSException (the supervisor does
/// not reference the engine), so it carries the same stable <see cref="ErrorId"/> and the engine maps it.
/// </summary>
public sealed class CgroupException : Exception
{
    public CgroupException(string errorId, string message, string? target = null, int errno = 0, Exception? inner = null)
        : base(message, inner ?? (errno != 0 ? new Win32Exception(errno) : null))
    {
        ErrorId = errorId;
        Target = target;
        Errno = errno;
    }

    /// <summary>One of <see cref="CgroupErrorIds"/>.</summary>
    public string ErrorId { get; }

    /// <summary>The file or directory involved, when there is one.</summary>
    public string? Target { get; }

    /// <summary>errno of the failed system call; 0 when none.</summary>
    public int Errno { get; }

    internal static CgroupException FromErrno(string errorId, string operation, string path, int errno) =>
        new(errorId, $"{operation} '{path}' failed: {new Win32Exception(errno).Message} (errno {errno}).", path, errno);
}
