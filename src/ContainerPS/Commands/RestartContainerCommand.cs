using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>Stops containers (as Stop-Container) and starts them again (docker restart).</summary>
[Cmdlet(VerbsLifecycle.Restart, "Container", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class RestartContainerCommand : ContainerTargetCmdlet
{
    /// <summary>Seconds to wait after the stop signal before SIGKILL; the container's StopTimeout when omitted.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Timeout { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(ContainerInfo container)
    {
        if (!ShouldProcess(container.Name, "Restart container")) return;
        var restarted = Containers.Restart(container.Id, Timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null, StopToken);
        if (PassThru) WriteObject(ContainerConverter.ToContainer(restarted));
    }
}
