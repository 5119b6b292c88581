using ContainerPS.Runtime.Contract;

namespace ContainerPS.Shim.Cli;

/// <summary>A signal as kill(1) and runc take it, read with the table the engine uses too (ContainerPS.Runtime's SignalTable).</summary>
internal static class Signals
{
    public static int Parse(string text) =>
        SignalTable.TryParse(text, out int number) ? number : throw new ShimException(ExitCodes.Usage, $"unknown signal '{text}'");
}
