using System.Management.Automation;

namespace ContainerPS.Commands;

/// <summary>Lists the files a container added, changed or deleted against its image, sorted by path (docker diff).</summary>
[Cmdlet(VerbsCommon.Get, "ContainerChange")]
[OutputType(typeof(ContainerChange))]
public sealed class GetContainerChangeCommand : SingleContainerCmdlet
{
    protected override void ProcessRecord() => Attempt(() =>
    {
        var container = Containers.Get(Container);
        foreach (var change in Containers.Changes(container.Id))
        {
            WriteObject(new ContainerChange { ContainerName = container.Name, ContainerId = container.Id, Path = change.Path, Kind = change.Kind });
        }
    });
}
