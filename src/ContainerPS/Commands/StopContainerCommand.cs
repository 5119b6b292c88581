using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>Stops running containers (docker stop): the stop signal, then SIGKILL after -Timeout seconds; -Force kills at once (docker kill).</summary>
[Cmdlet(VerbsLifecycle.Stop, "Container", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class StopContainerCommand : ContainerTargetCmdlet
{
    /// <summary>Seconds to wait after the stop signal before SIGKILL; the container's StopTimeout (10 by default) when omitted.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Timeout { get; set; }

    /// <summary>The first signal (TERM, SIGINT, 15...); the container's StopSignal when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.SignalCompleter))]
    public string? Signal { get; set; }

    /// <summary>Sends SIGKILL at once instead of asking the container to stop.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(ContainerInfo container)
    {
        if (!ShouldProcess(container.Name, "Stop container")) return;
        var timeout = Force ? TimeSpan.Zero : Timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var stopped = Containers.Stop(container.Id, timeout, Force ? "SIGKILL" : Signal, StopToken);
        if (PassThru) WriteObject(ContainerConverter.ToContainer(stopped));
    }
}
