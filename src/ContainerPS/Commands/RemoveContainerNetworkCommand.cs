using System.Management.Automation;
using ContainerPS.Completion;

namespace ContainerPS.Commands;

/// <summary>
/// Removes networks with their bridge device and firewall rules (docker network rm). A network that containers use
/// is NetworkInUse, as in docker: remove the containers first.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ContainerNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveContainerNetworkCommand : ContainerCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string[] Name { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var name in Name)
        {
            if (ShouldProcess(name, "Remove container network")) Attempt(() => Containers.Networks.Remove(name, StopToken));
        }
    }
}
