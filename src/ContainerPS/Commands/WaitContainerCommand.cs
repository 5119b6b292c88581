using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// Waits until containers exit and writes them with their exit code (docker wait); -Condition Running waits until
/// they run instead (podman wait --condition running).
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "Container", DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class WaitContainerCommand : ContainerTargetCmdlet
{
    /// <summary>Seconds to wait for each container; a ContainerWaitTimeout error after that. Waits forever when omitted.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Timeout { get; set; }

    /// <summary>What to wait for: Exited (the default) or Running.</summary>
    [Parameter]
    [ValidateSet(nameof(ContainerStatusKind.Exited), nameof(ContainerStatusKind.Running))]
    public string Condition { get; set; } = nameof(ContainerStatusKind.Exited);

    protected override void ProcessContainer(ContainerInfo container)
    {
        var timeout = Timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : System.Threading.Timeout.InfiniteTimeSpan;
        var reached = string.Equals(Condition, nameof(ContainerStatusKind.Running), StringComparison.OrdinalIgnoreCase)
            ? Containers.WaitUntilRunning(container.Id, timeout, StopToken)
            : Containers.Wait(container.Id, timeout, StopToken);
        WriteObject(ContainerConverter.ToContainer(reached));
    }
}
