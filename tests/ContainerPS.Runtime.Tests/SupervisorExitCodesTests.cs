using ContainerPS.Runtime.Contract;

namespace ContainerPS.Runtime.Tests;

/// <summary>
/// The exit codes are a public interface (src/ContainerPS.Shim/README.md documents each number, and runc's callers,
/// the engine and scripts read them): spelled out once here, so renumbering one breaks a test instead of a caller.
/// </summary>
public sealed class SupervisorExitCodesTests
{
    [Fact]
    public void Each_exit_code_keeps_its_documented_number()
    {
        Assert.Equal(
            [0, 1, 2, 3, 4, 5, 6, 7, 126, 127],
            new[]
            {
                SupervisorExitCodes.Success, SupervisorExitCodes.Failure, SupervisorExitCodes.Usage, SupervisorExitCodes.NotFound,
                SupervisorExitCodes.WrongState, SupervisorExitCodes.AlreadyExists, SupervisorExitCodes.PortInUse,
                SupervisorExitCodes.Unsupported, SupervisorExitCodes.CannotExecute, SupervisorExitCodes.CommandNotFound,
            });
    }
}
