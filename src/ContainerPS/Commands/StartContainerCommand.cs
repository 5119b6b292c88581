using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// Starts existing containers (docker start), or creates and starts one from an image (docker run): without -Wait it
/// returns at once; with -Wait the container's stdout goes to the success stream and its stderr to the error stream
/// as it arrives, and the command returns when the container exits. With -Interactive -Tty (docker run -it, docker
/// start -ai) the session's terminal is the container's until its process exits (or ctrl-p ctrl-q detaches); then
/// it reports the exit as -Wait does: like a native command, it sets $LASTEXITCODE to the container's exit code, and
/// a non-zero code is a ContainerExitedWithError error only when $PSNativeCommandUseErrorActionPreference is $true.
/// Images come from the pipeline too (Get-Image | Start-Container -Command ...); containers from Get-Container are
/// started as they are.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "Container", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(Container), typeof(string))]
public sealed class StartContainerCommand : ContainerRunCmdlet
{
    /// <summary>Existing containers to start (wildcards allowed); with -Image, the new container's name.</summary>
    [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[] Name { get; set; } = [];

    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[] Id { get; set; } = [];

    [Parameter(ParameterSetName = ByObject, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container[] InputObject { get; set; } = [];

    /// <summary>Streams the output and returns when the container exits (docker run without -d, docker start -a).</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Writes the container (after it exits, with -Wait). With -Image and without -Wait it is always written.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool AttachesTerminal => Interactive;

    protected override string? NewName => Name.Length switch
    {
        0 => null,
        1 => Name[0],
        _ => throw new PSArgumentException("A new container has one name: give -Name a single value with -Image.", nameof(Name)),
    };

    protected override void ProcessRecord()
    {
        if (ParameterSetName == RunSet)
        {
            Attempt(Run);
            return;
        }

        foreach (var target in Targets())
        {
            Attempt(() =>
            {
                foreach (var container in Resolve(target).ToList()) Attempt(() => StartExisting(container));
            });
        }
    }

    private void Run()
    {
        if (!ShouldProcess(Image, "Create and start container")) return;
        if (Interactive)
        {
            StartAttached(CreateContainer());
            return;
        }
        var started = RunContainer();
        if (Wait) WaitForExit(started, logPosition: 0);
        else WriteObject(ContainerConverter.ToContainer(started));
    }

    private void StartExisting(ContainerInfo container)
    {
        if (!ShouldProcess(container.Name, "Start container")) return;
        if (Interactive)
        {
            StartAttached(container);
            return;
        }
        var logPosition = Containers.LogPosition(container.Id);
        var started = Containers.Start(container.Id, StopToken);
        if (Wait) WaitForExit(started, logPosition);
        else if (PassThru) WriteObject(ContainerConverter.ToContainer(started));
    }

    /// <summary>
    /// The terminal is the container's while its process runs: Ctrl+C is a key for it, not for this pipeline. The
    /// attach ends when the process exits (reported as -Wait does) or the user detaches (the container runs on).
    /// </summary>
    private void StartAttached(ContainerInfo container)
    {
        Containers.StartAttached(container.Id, StopToken);
        var after = Containers.Get(container.Id);
        if (after.Status == ContainerStatusKind.Running)
        {
            WriteVerbose($"Detached from container {after.Name}; it is still running.");
            if (PassThru) WriteObject(ContainerConverter.ToContainer(after));
            return;
        }
        ReportExit(Containers.Wait(container.Id, Timeout.InfiniteTimeSpan, StopToken));
    }

    /// <summary>Follows ctr.log from where this start began until the container exits, then reports how it exited.</summary>
    private void WaitForExit(ContainerInfo container, long logPosition)
    {
        foreach (var entry in Containers.Logs(container.Id, new LogQuery { Follow = true, FromPosition = logPosition }, StopToken))
        {
            if (entry.Stream == LogStream.Stdout) WriteObject(entry.Message);
            else WriteError(new ErrorRecord(new RemoteException(entry.Message), "ContainerStderr", ErrorCategory.NotSpecified, container.Name));
        }

        ReportExit(Containers.Wait(container.Id, Timeout.InfiniteTimeSpan, StopToken));
    }

    /// <summary>
    /// -AutoRemove removes the container; -PassThru writes it; then the exit code is reported as a native command's
    /// (<see cref="NativeExitCode"/>: $LASTEXITCODE, and ContainerExitedWithError when the preference asks for errors).
    /// Removing comes first, so an error that stops the pipeline (-ErrorAction Stop) leaves no container behind.
    /// </summary>
    private void ReportExit(ContainerInfo exited)
    {
        WriteVerbose($"Container {exited.Name} exited with code {exited.ExitCode?.ToString() ?? "unknown"}{(exited.OomKilled ? " (OOM killed)" : "")}.");
        if (exited.AutoRemove) Containers.Remove(exited.Id, force: false, StopToken);
        var container = ContainerConverter.ToContainer(exited);
        if (PassThru) WriteObject(container);
        int exitCode = exited.ExitCode ?? -1;
        NativeExitCode.Report(this, exitCode, () => new ErrorRecord(new ContainerExitedException(exited.Name, exitCode, exited.OomKilled),
            "ContainerExitedWithError", ErrorCategory.NotSpecified, container));
    }

    private IEnumerable<string> Targets() => ParameterSetName switch
    {
        ById => Id,
        ByObject => InputObject.Select(c => c.Id),
        _ => Name,
    };
}
