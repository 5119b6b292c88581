using ContainerPS.Runtime;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Commands;

/// <summary>`state`: the state document (runtime.md "State" plus ContainerState's extras) on stdout.</summary>
internal static class StateCommand
{
    public static int Run(CommandLine line)
    {
        var state = LiveState.Read(new StateDirectory(line.Root, line.Id));
        IndentedJson.WriteToStandardOutput(state, RuntimeJsonContext.Default.ContainerState);
        return ExitCodes.Success;
    }
}
