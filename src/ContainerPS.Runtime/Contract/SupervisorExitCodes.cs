namespace ContainerPS.Runtime.Contract;

/// <summary>
/// The exit codes of containerps-shim's commands (src/ContainerPS.Shim/README.md), the one list the engine and the
/// supervisor share: the engine turns them into its error ids. <c>run</c> and <c>exec</c> exit with the process's
/// own code instead, so for those a status file says which kind of end it was.
/// </summary>
public static class SupervisorExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>No container with that id under the state root.</summary>
    public const int NotFound = 3;

    /// <summary>The container is in the wrong state for the command (start of a running one, delete of a running one).</summary>
    public const int WrongState = 4;

    /// <summary>A container with that id exists already.</summary>
    public const int AlreadyExists = 5;

    /// <summary>A port to publish (io.containerps.ports) is in use on the host: bind(2) failed with EADDRINUSE.</summary>
    public const int PortInUse = 6;

    /// <summary>A runc command or option this runtime does not implement (checkpoint, restore, the systemd cgroup driver).</summary>
    public const int Unsupported = 7;

    /// <summary>The container's program could not be executed (execvp's and docker run's convention).</summary>
    public const int CannotExecute = 126;

    /// <summary>The container's program was not found.</summary>
    public const int CommandNotFound = 127;
}
