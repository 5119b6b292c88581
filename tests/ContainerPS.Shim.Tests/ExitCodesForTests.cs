namespace ContainerPS.Shim.Tests;

/// <summary>The shim's documented exit codes (src/ContainerPS.Shim/ExitCodes.cs), spelled out so a change there breaks a test.</summary>
internal static class ExitCodesForTests
{
    public const int Failure = 1;
    public const int Usage = 2;
    public const int NotFound = 3;
    public const int WrongState = 4;
    public const int AlreadyExists = 5;
    public const int PortInUse = 6;
    public const int Unsupported = 7;
}
