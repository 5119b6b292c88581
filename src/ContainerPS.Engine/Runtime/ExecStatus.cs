using ContainerPS.Engine.Errors;
using ContainerPS.Runtime.Contract;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// The shim's <c>exec --status-file</c> line (src/ContainerPS.Shim/README.md): <c>exited N</c> when the process ran,
/// <c>failed CODE REASON</c> when it never did. No line at all (the shim was killed) is a failure too.
/// </summary>
internal sealed record ExecStatus(bool Ran, int Code, string Reason)
{

    public static ExecStatus Read(string file, string shimStderr)
    {
        string text = File.Exists(file) ? File.ReadAllText(file).TrimEnd('\n') : "";
        string[] parts = text.Split(' ', 3);
        if (parts is ["exited", var code] && int.TryParse(code, out int exitCode)) return new ExecStatus(true, exitCode, "");
        if (parts is ["failed", var failed, ..] && int.TryParse(failed, out int failure)) return new ExecStatus(false, failure, parts.Length > 2 ? parts[2] : "");
        string reason = shimStderr.Trim() is { Length: > 0 } said ? said : "the supervisor ended without saying how the command ended";
        return new ExecStatus(false, 1, reason);
    }

    /// <summary>
    /// The process's exit code when it ran; otherwise the error for why it never did: ContainerNotRunning (it
    /// stopped meanwhile), ExecFailed (not found, not executable, a user or working directory the kernel refused).
    /// </summary>
    public int ExitCodeOrThrow(string containerName, int shimExit) => Ran ? Code : throw Code switch
    {
        SupervisorExitCodes.WrongState or SupervisorExitCodes.NotFound =>
            Fail.FailedPrecondition("ContainerNotRunning", $"Container '{containerName}' is not running.", containerName),
        SupervisorExitCodes.CommandNotFound => Fail.NotFound("ExecFailed", $"The command was not found in container '{containerName}': {Reason}", containerName),
        _ => Fail.FailedPrecondition("ExecFailed", $"The command could not be started in container '{containerName}' (exit {shimExit}): {Reason}", containerName),
    };
}
