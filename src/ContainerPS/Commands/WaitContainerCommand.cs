using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>Waits until containers exit and writes them with their exit code (docker wait).</summary>
[Cmdlet(VerbsLifecycle.Wait, "Container", DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class WaitContainerCommand : ContainerTargetCmdlet
{
    /// <summary>Seconds to wait for each container; a ContainerWaitTimeout error after that. Waits forever when omitted.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Timeout { get; set; }

    protected override void ProcessContainer(ContainerInfo container)
    {
        var timeout = Timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : System.Threading.Timeout.InfiniteTimeSpan;
        WriteObject(ContainerConverter.ToContainer(Containers.Wait(container.Id, timeout, StopToken)));
    }
}
