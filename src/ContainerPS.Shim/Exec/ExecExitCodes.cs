namespace ContainerPS.Shim.Exec;

/// <summary>Exit codes of `exec` when the program never ran, as a shell (and docker exec) gives them.</summary>
internal static class ExecExitCodes
{
    /// <summary>The program was found but could not be executed (EACCES, ENOEXEC...).</summary>
    public const int CannotExecute = 126;

    /// <summary>No such program in the container (args[0], or along its PATH).</summary>
    public const int NotFound = 127;
}
