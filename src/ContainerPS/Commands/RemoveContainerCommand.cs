using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// Removes containers with their files and logs (docker rm); a running one only with -Force, which kills it first.
/// -Status without names removes every container in those states (docker container prune: -Status Exited), -Before
/// only those created before a time (prune's until filter).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "Container", DefaultParameterSetName = ByName, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveContainerCommand : ContainerTargetCmdlet
{
    private const string ByStatus = "Status";

    /// <summary>Kills and removes a running container (docker rm -f).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Removes every container in these states; Running and Paused ones need -Force as well.</summary>
    [Parameter(ParameterSetName = ByStatus, Mandatory = true)]
    public ContainerStatusKind[] Status { get; set; } = [];

    /// <summary>With -Status: only containers created before this time (docker container prune --filter until=...).</summary>
    [Parameter(ParameterSetName = ByStatus)]
    public DateTime? Before { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName != ByStatus)
        {
            base.ProcessRecord();
            return;
        }
        foreach (var container in OrTerminate(() => Containers.List()).Where(Selected).ToList()) Attempt(() => ProcessContainer(container));
    }

    private bool Selected(ContainerInfo container) =>
        Status.Contains(container.Status) && (Before is not { } before || container.CreatedAt.UtcDateTime < before.ToUniversalTime());

    protected override void ProcessContainer(ContainerInfo container)
    {
        if (ShouldProcess($"{container.Name} ({container.Id[..12]})", "Remove container")) Containers.Remove(container.Id, Force, StopToken);
    }
}
