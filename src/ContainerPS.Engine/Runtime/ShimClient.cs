using System.Diagnostics;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime.Ports;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Drives the supervisor through its runc-like command line (issue-3 contract): create, start, kill, delete, state.
/// Each call is one short-lived process; the supervisor that <c>create</c> starts detaches and outlives this one.
/// The engine never signals a container pid itself: <c>kill</c> goes through the supervisor, which checks the
/// pid's start time so a recycled pid is never hit.
/// </summary>
internal sealed class ShimClient(StateRoot stateRoot)
{
    /// <summary>The supervisor's exit code for a published port in use (src/ContainerPS.Shim/README.md).</summary>
    private const int PortInUseExitCode = 6;

    private readonly Lazy<string> _binary = new(ShimLocator.Find);

    /// <summary>Creates and runs at once (<c>create --start</c>): one supervisor call instead of create + start.</summary>
    public void CreateStarted(string id, string bundle)
    {
        var result = Run(["create", "--start", "--bundle", bundle, id]);
        if (result.ExitCode == PortInUseExitCode) throw PortErrors.InUse(id, result.Reason, ShimFailure(result));
        if (!result.Succeeded)
            throw Fail.FailedPrecondition("ContainerStartFailed", $"The supervisor could not start container {ContainerIds.Short(id)}: {result.Reason}", id, ShimFailure(result));
    }

    public void Start(string id)
    {
        var result = Run(["start", id]);
        if (!result.Succeeded)
            throw Fail.FailedPrecondition("ContainerStartFailed", $"The supervisor could not start container {ContainerIds.Short(id)}: {result.Reason}", id, ShimFailure(result));
    }

    /// <summary>Sends <paramref name="signal"/> (a name like TERM or a number) to the container's init; false if it was not running.</summary>
    public bool Kill(string id, string signal) => Run(["kill", id, signal]).Succeeded;

    public void Delete(string id, bool force)
    {
        var result = Run(force ? ["delete", "--force", id] : ["delete", id]);
        if (!result.Succeeded && stateRoot.Exists(id))
            throw Fail.Internal("ContainerDeleteFailed", $"The supervisor could not delete container {ContainerIds.Short(id)}: {result.Reason}", id, ShimFailure(result));
    }

    private ShimResult Run(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(_binary.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(stateRoot.Path);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw Fail.Internal("ShimStartFailed", $"Could not start {_binary.Value}.", _binary.Value);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ShimResult(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    private static Exception ShimFailure(ShimResult result) => new InvalidOperationException(result.Reason);
}
