using System.Management.Automation;
using ContainerPS.Completion;

namespace ContainerPS.Commands;

/// <summary>
/// Removes networks with their bridge device and firewall rules (docker network rm). A network that containers use
/// is NetworkInUse, as in docker: remove the containers first. -Unused removes every network of the store that no
/// container uses (docker network prune), never the built-in ones.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ContainerNetwork", DefaultParameterSetName = ByName, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveContainerNetworkCommand : ContainerCmdlet
{
    private const string UnusedSet = "Unused";

    [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Removes every network of the store that no container uses.</summary>
    [Parameter(ParameterSetName = UnusedSet, Mandatory = true)]
    public SwitchParameter Unused { get; set; }

    protected override void ProcessRecord()
    {
        var names = ParameterSetName == UnusedSet ? OrTerminate(() => Containers.Networks.ListUnused()).Select(n => n.Name) : Name;
        foreach (var name in names.ToList())
        {
            if (ShouldProcess(name, "Remove container network")) Attempt(() => Containers.Networks.Remove(name, StopToken));
        }
    }
}
