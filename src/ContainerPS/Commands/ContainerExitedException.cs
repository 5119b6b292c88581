namespace ContainerPS.Commands;

/// <summary>
/// The error a waited-for container's non-zero exit becomes (ContainerExitedWithError), carrying the exit code and
/// the OOM-kill flag so that a script can branch on them: <c>$err.Exception.ExitCode</c>.
/// </summary>
public sealed class ContainerExitedException(string name, int exitCode, bool oomKilled)
    : Exception($"Container '{name}' exited with code {exitCode}{(oomKilled ? " (killed for running out of memory)" : "")}.")
{
    public int ExitCode { get; } = exitCode;

    public bool OOMKilled { get; } = oomKilled;
}
