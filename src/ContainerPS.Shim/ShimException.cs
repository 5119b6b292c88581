namespace ContainerPS.Shim;

/// <summary>A deliberate failure: its message goes to stderr and its exit code tells the caller what kind it was.</summary>
internal sealed class ShimException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>
    /// WrongState for a container whose process has ended, in runc's words ("container not running"), which
    /// containerd-shim-runc-v2 and conmon look for to tell "already gone" from a failure (a forced delete kills first).
    /// </summary>
    public static ShimException NotRunning(string id) => new(ExitCodes.WrongState, $"container not running: '{id}'");
}
