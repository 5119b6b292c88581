using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>Removes containers with their files and logs (docker rm); a running one only with -Force, which kills it first.</summary>
[Cmdlet(VerbsCommon.Remove, "Container", DefaultParameterSetName = ByName, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveContainerCommand : ContainerTargetCmdlet
{
    /// <summary>Kills and removes a running container (docker rm -f).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessContainer(ContainerInfo container)
    {
        if (ShouldProcess($"{container.Name} ({container.Id[..12]})", "Remove container")) Containers.Remove(container.Id, Force, StopToken);
    }
}
