using ContainerPS.Runtime.Contract;

namespace ContainerPS.Shim;

/// <summary>
/// containerps-shim's own exit codes (`run` exits with the container's code instead): the contract's list
/// (ContainerPS.Runtime's SupervisorExitCodes, docs/runtime-contract.md) under the names the shim's code uses.
/// </summary>
internal static class ExitCodes
{
    public const int Success = SupervisorExitCodes.Success;
    public const int Failure = SupervisorExitCodes.Failure;
    public const int Usage = SupervisorExitCodes.Usage;
    public const int NotFound = SupervisorExitCodes.NotFound;
    public const int WrongState = SupervisorExitCodes.WrongState;
    public const int AlreadyExists = SupervisorExitCodes.AlreadyExists;
    public const int PortInUse = SupervisorExitCodes.PortInUse;
    public const int Unsupported = SupervisorExitCodes.Unsupported;
}
