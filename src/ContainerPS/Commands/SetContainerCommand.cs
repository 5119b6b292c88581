using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// Changes the resource limits of containers (docker update): a running or paused container's cgroup gets them at
/// once, and every container keeps them for its next start. Limits not named stay as they are; a new -Memory without
/// -MemorySwap gets docker's default swap (as much again).
/// </summary>
[Cmdlet(VerbsCommon.Set, "Container", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class SetContainerCommand : ContainerTargetCmdlet
{
    /// <summary>Bytes: a number (512MB) or docker's spelling (512m, 1g); at least 6 MiB, as docker.</summary>
    [Parameter]
    [ByteSizeTransformation]
    [ValidateRange(1, long.MaxValue)]
    public long? Memory { get; set; }

    /// <summary>Memory plus swap in bytes, as -Memory; -1 for unlimited swap.</summary>
    [Parameter]
    [ByteSizeTransformation]
    [ValidateRange(-1, long.MaxValue)]
    public long? MemorySwap { get; set; }

    [Parameter]
    [ValidateRange(0.001, 1024.0)]
    public double? Cpus { get; set; }

    [Parameter]
    [ValidateRange(2, 262144)]
    public int? CpuShares { get; set; }

    /// <summary>The most processes the container may have; -1 (or 0) for no limit, as docker update.</summary>
    [Parameter]
    [ValidateRange(-1, long.MaxValue)]
    public long? PidsLimit { get; set; }

    /// <summary>The CPUs the container may run on (0-2,5), as docker update --cpuset-cpus.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CpusetCpus { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private Engine.Runtime.ContainerLimits Changes => new()
    {
        Memory = Memory, MemorySwap = MemorySwap, Cpus = Cpus, CpuShares = CpuShares, PidsLimit = PidsLimit, CpusetCpus = CpusetCpus,
    };

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Changes == new Engine.Runtime.ContainerLimits())
        {
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException("Set-Container needs a limit to set: -Memory, -MemorySwap, -Cpus, -CpuShares, -PidsLimit or -CpusetCpus."),
                "NoContainerSettingGiven", ErrorCategory.InvalidArgument, null));
        }
    }

    protected override void ProcessContainer(ContainerInfo container)
    {
        if (!ShouldProcess(container.Name, "Set container limits")) return;
        var updated = Containers.Update(container.Id, Changes, StopToken);
        if (PassThru) WriteObject(ContainerConverter.ToContainer(updated));
    }
}
