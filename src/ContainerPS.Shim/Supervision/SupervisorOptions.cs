using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Supervision;

/// <summary>How a supervisor runs: detached for `create` (reports on fd 3, waits for `start`), or in the foreground for `run`.</summary>
/// <param name="CallerStdio">
/// `create`'s caller's stdin, stdout and stderr (fds the supervisor holds; -1 for one the caller had closed): the
/// container's process gets them when the bundle has no log annotation and no terminal, as runc's "pass-through"
/// stdio; otherwise they are closed at once. Null: the child keeps the supervisor's own stdio (`run`).
/// </param>
/// <param name="PreservedFds">runc create --preserve-fds N: fds 3..3+N-1 go to the container's process as they are.</param>
/// <param name="PidFile">runc create --pid-file: the init's pid is written there (temp file + rename) once it is created.</param>
/// <param name="ConsoleSocket">runc create --console-socket: with process.terminal the pty master goes there, not to attach.sock.</param>
internal sealed record SupervisorOptions(StateDirectory State, string Bundle, CreateReport? Report, bool StartImmediately,
    int[]? CallerStdio = null, int PreservedFds = 0, string? PidFile = null, string? ConsoleSocket = null);
