using System.Diagnostics;
using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.Features;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime.Ports;
using ContainerPS.Runtime.Contract;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Drives the supervisor through its runc-like command line (issue-3 contract): create, start, kill, delete, state, exec.
/// Each call is one short-lived process; the supervisor that <c>create</c> starts detaches and outlives this one.
/// The engine never signals a container pid itself: <c>kill</c> goes through the supervisor, which checks the
/// pid's start time so a recycled pid is never hit.
/// </summary>
internal sealed class ShimClient(StateRoot stateRoot) : ISupervisorClient
{
    private readonly Lazy<string> _binary = new(ShimLocator.Find);

    /// <summary>
    /// Creates and runs at once (<c>create --start</c>): one supervisor call instead of create + start. <c>create</c>
    /// forks the supervisor and exits, so it is re-parented and not a descendant of pwsh: killing pwsh's process tree
    /// does not take the container with it.
    /// </summary>
    public void CreateStarted(string id, string bundle)
    {
        ThrowIfCreateFailed(Run(["create", "--start", "--bundle", bundle, id]), id, "start");
    }

    /// <summary>
    /// <c>create --start --wait-for-bundle</c>: the supervisor starts now and runs the container once
    /// <see cref="Release"/> says the bundle at <paramref name="bundle"/> is written.
    /// </summary>
    public PendingSupervisor BeginCreateStarted(string id, string bundle)
    {
        var start = StartInfo(["create", "--start", "--wait-for-bundle", "--bundle", bundle, id]);
        start.RedirectStandardInput = true;
        return new PendingSupervisor(Process.Start(start) ?? throw Fail.Internal("ShimStartFailed", $"Could not start {_binary.Value}.", _binary.Value));
    }

    /// <summary>The bundle of a <see cref="BeginCreateStarted"/> supervisor is ready: run the container, as <see cref="CreateStarted"/>.</summary>
    public void Release(PendingSupervisor pending, string id) => ThrowIfCreateFailed(pending.Release(), id, "start");

    /// <summary>Sets the container up; its supervisor waits for <see cref="Start"/> (or <c>attach --start</c>).</summary>
    public void Create(string id, string bundle)
    {
        ThrowIfCreateFailed(Run(["create", "--bundle", bundle, id]), id, "create");
    }

    /// <summary>
    /// A published port already bound is PortInUse (the shim's exit code 6); a command that could not be executed is
    /// ContainerCommandNotFound (127) or ContainerCommandNotExecutable (126); any other failure ContainerStartFailed.
    /// </summary>
    private static void ThrowIfCreateFailed(ShimResult result, string id, string verb)
    {
        if (result.ExitCode == SupervisorExitCodes.PortInUse) throw PortErrors.InUse(id, result.Reason, ShimFailure(result));
        ThrowIfStartFailed(result, id, verb);
    }

    public void Start(string id) => ThrowIfStartFailed(Run(["start", id]), id, "start");

    private static void ThrowIfStartFailed(ShimResult result, string id, string verb)
    {
        if (result.Succeeded) return;
        throw StartFailure.CommandError(result.ExitCode, id, result.Reason, ShimFailure(result))
            ?? Fail.FailedPrecondition("ContainerStartFailed", $"The supervisor could not {verb} container {ContainerIds.Short(id)}: {result.Reason}", id, ShimFailure(result));
    }

    /// <summary>Sends <paramref name="signal"/> (a name like TERM or a number) to the container's init; false if it was not running.</summary>
    public bool Kill(string id, string signal) => Run(["kill", id, signal]).Succeeded;

    public void Pause(string id) => ThrowIfStateChangeFailed(Run(["pause", id]), id, "pause");

    public void Resume(string id) => ThrowIfStateChangeFailed(Run(["resume", id]), id, "resume");

    /// <summary><c>update --resources -</c>: the document on stdin, so nothing is left in a file.</summary>
    public void Update(string id, ResourcesSpec resources)
    {
        var document = JsonSerializer.Serialize(resources, RuntimeJsonContext.Default.ResourcesSpec);
        ThrowIfStateChangeFailed(Run(["update", "--resources", "-", id], document), id, "update");
    }

    /// <summary>The shim's wrong-state exit (the container changed meanwhile) is ContainerStateChanged; any other failure ContainerUpdateFailed.</summary>
    private static void ThrowIfStateChangeFailed(ShimResult result, string id, string verb)
    {
        if (result.Succeeded) return;
        if (result.ExitCode == SupervisorExitCodes.WrongState)
            throw Fail.FailedPrecondition("ContainerStateChanged", $"Container {ContainerIds.Short(id)} changed state before it could {verb}: {result.Reason}", id, ShimFailure(result));
        throw Fail.Internal("ContainerUpdateFailed", $"The supervisor could not {verb} container {ContainerIds.Short(id)}: {result.Reason}", id, ShimFailure(result));
    }

    public void Delete(string id, bool force)
    {
        var result = Run(force ? ["delete", "--force", id] : ["delete", id]);
        if (!result.Succeeded && stateRoot.Exists(id))
            throw Fail.Internal("ContainerDeleteFailed", $"The supervisor could not delete container {ContainerIds.Short(id)}: {result.Reason}", id, ShimFailure(result));
    }

    /// <summary>
    /// <c>attach</c>: the supervisor's child process takes this process's terminal (stdin, stdout and stderr are
    /// inherited, not redirected) until the container's process exits or the user detaches; returns its exit code.
    /// </summary>
    /// <param name="startCreated">The container is created and waits: attach first, then start it (<c>attach --start</c>).</param>
    public int Attach(string id, bool startCreated, CancellationToken ct)
    {
        var start = new ProcessStartInfo(_binary.Value) { UseShellExecute = false };
        string[] arguments = startCreated ? ["--root", stateRoot.Path, "attach", "--start", id] : ["--root", stateRoot.Path, "attach", id];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw Fail.Internal("ShimStartFailed", $"Could not start {_binary.Value}.", _binary.Value);
        // Ctrl+C is data in the attached terminal's raw mode; a cancellation from elsewhere ends the attach (the container runs on).
        using var cancel = ct.Register(() => process.Kill());
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>
    /// <c>exec --tty --process P --status-file S ID</c> in the foreground: like <see cref="Attach"/>, the shim takes this
    /// process's terminal (stdio inherited) until the process exits; returns the shim's exit code. Cancelling kills
    /// the shim, and the process with it (its parent-death signal).
    /// </summary>
    public int ExecInTerminal(string id, string processFile, string statusFile, CancellationToken ct)
    {
        var start = new ProcessStartInfo(_binary.Value) { UseShellExecute = false };
        foreach (var argument in (string[])["--root", stateRoot.Path, "exec", "--tty", "--process", processFile, "--status-file", statusFile, id])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw Fail.Internal("ShimStartFailed", $"Could not start {_binary.Value}.", _binary.Value);
        using var cancel = ct.Register(() => process.Kill());
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Starts <c>exec --process P --status-file S ID</c>; the caller reads its output (<see cref="ExecRun"/>).</summary>
    public ExecRun Exec(string id, string processFile, string statusFile)
    {
        var start = new ProcessStartInfo(_binary.Value);
        foreach (var argument in (string[])["--root", stateRoot.Path, "exec", "--process", processFile, "--status-file", statusFile, id])
            start.ArgumentList.Add(argument);
        return new ExecRun(start);
    }

    /// <summary><c>features</c>: what the supervisor implements on this host (runtime-spec features.md).</summary>
    public RuntimeFeatures Features()
    {
        var result = Run(["features"]);
        try
        {
            if (result.Succeeded && JsonSerializer.Deserialize(result.StandardOutput, RuntimeJsonContext.Default.RuntimeFeatures) is { } features) return features;
        }
        catch (JsonException e)
        {
            throw Fail.Internal("ShimFeaturesFailed", $"The supervisor's features document is not valid JSON: {e.Message}", _binary.Value, e);
        }
        throw Fail.Internal("ShimFeaturesFailed", $"The supervisor could not report its features: {result.Reason}", _binary.Value, ShimFailure(result));
    }

    /// <summary>The supervisor binary this client runs.</summary>
    public string Binary => _binary.Value;

    private ShimResult Run(IReadOnlyList<string> arguments, string? input = null)
    {
        var start = StartInfo(arguments);
        start.RedirectStandardInput = input is not null;
        using var process = Process.Start(start) ?? throw Fail.Internal("ShimStartFailed", $"Could not start {_binary.Value}.", _binary.Value);
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ShimResult(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    /// <summary>The supervisor with <c>--root</c> and <paramref name="arguments"/>, stdout and stderr captured.</summary>
    private ProcessStartInfo StartInfo(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(_binary.Value) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(stateRoot.Path);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    private static Exception ShimFailure(ShimResult result) => new InvalidOperationException(result.Reason);
}
