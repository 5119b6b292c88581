namespace ContainerPS.Commands;

/// <summary>
/// The error a command's non-zero exit becomes (ContainerCommandFailed, as a waited-for container's is
/// ContainerExitedWithError), so a script can read <c>$err.Exception.ExitCode</c>.
/// </summary>
public sealed class ContainerCommandFailedException(string containerName, IReadOnlyList<string> command, int exitCode)
    : Exception($"'{string.Join(' ', command)}' exited with code {exitCode} in container '{containerName}'.")
{
    public int ExitCode { get; } = exitCode;

    public string[] Command { get; } = [.. command];
}
