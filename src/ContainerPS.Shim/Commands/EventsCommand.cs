using ContainerPS.Shim.Cli;

namespace ContainerPS.Shim.Commands;

/// <summary>`events` (runc-events(8)): not implemented; one clear line rather than a stream that never comes.</summary>
internal static class EventsCommand
{
    public static int Run(CommandLine line) =>
        throw new ShimException(ExitCodes.Unsupported, $"events: container events and stats of '{line.Id}' are not supported");
}
