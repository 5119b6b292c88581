using ContainerPS.Shim.Child;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Exec;

/// <summary>
/// Exit codes of a process that never ran, as a shell (and docker run and docker exec) gives them: `exec` exits
/// with them, and `create --start` and `start` report them when the container's own process cannot be executed.
/// </summary>
internal static class ExecExitCodes
{
    /// <summary>The program was found but could not be executed (EACCES, ENOEXEC...).</summary>
    public const int CannotExecute = 126;

    /// <summary>No such program in the container (args[0], or along its PATH).</summary>
    public const int NotFound = 127;

    /// <summary>execvp's conventions: 127 when the execve step found no program, 126 when it could not run it; <paramref name="other"/> for any other step.</summary>
    public static int Of(StepList steps, ChildReport failed, int other) => Of(steps.NameOf(failed.Step), failed.Errno, other);

    /// <summary>The same rule for a step known by name (an unmonitored `start` reads the names from the state directory).</summary>
    public static int Of(string stepName, long errno, int other)
    {
        if (!stepName.StartsWith("execve ", StringComparison.Ordinal)) return other;
        return errno == Linux.ENOENT ? NotFound : CannotExecute;
    }

    /// <summary>True for the codes above: the process never ran.</summary>
    public static bool IsExecFailure(int code) => code is NotFound or CannotExecute;
}
