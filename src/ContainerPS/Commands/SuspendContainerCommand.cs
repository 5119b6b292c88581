using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// Pauses running containers (docker pause): every process of the container is frozen in its cgroup (freezer v1,
/// cgroup.freeze v2) until Resume-Container; the status is Paused meanwhile. Stop-Container and Remove-Container
/// -Force still end a paused container.
/// </summary>
[Cmdlet(VerbsLifecycle.Suspend, "Container", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class SuspendContainerCommand : ContainerTargetCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(ContainerInfo container)
    {
        if (!ShouldProcess(container.Name, "Pause container")) return;
        var paused = Containers.Pause(container.Id, StopToken);
        if (PassThru) WriteObject(ContainerConverter.ToContainer(paused));
    }
}
