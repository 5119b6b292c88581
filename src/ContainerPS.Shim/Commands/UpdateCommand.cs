using ContainerPS.Shim.Cli;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `update` (runc-update(8)) would rewrite a running container's cgroup limits. Not implemented yet: it fails with
/// one clear line instead of pretending the limits changed.
/// </summary>
internal static class UpdateCommand
{
    public static int Run(CommandLine line) =>
        throw new ShimException(ExitCodes.Unsupported, $"update: changing the resources of container '{line.Id}' is not supported");
}
