namespace ContainerPS.Shim;

/// <summary>A deliberate failure: its message goes to stderr and its exit code tells the caller what kind it was.</summary>
internal sealed class ShimException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
