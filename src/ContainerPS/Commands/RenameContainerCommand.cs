using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>Gives a container a new name (docker rename); names are unique in a store.</summary>
[Cmdlet(VerbsCommon.Rename, "Container", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class RenameContainerCommand : ContainerTargetCmdlet
{
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string NewName { get; set; } = "";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(ContainerInfo container)
    {
        if (!ShouldProcess(container.Name, $"Rename container to '{NewName}'")) return;
        var renamed = Containers.Rename(container.Id, NewName, StopToken);
        if (PassThru) WriteObject(ContainerConverter.ToContainer(renamed));
    }
}
