using System.Management.Automation;
using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Runtime.Processes;

namespace ContainerPS.Commands;

/// <summary>Lists the processes of running containers (docker top), read from the container's cgroup and /proc.</summary>
[Cmdlet(VerbsCommon.Get, "ContainerProcess", DefaultParameterSetName = ByName)]
[OutputType(typeof(ContainerProcess))]
public sealed class GetContainerProcessCommand : ContainerTargetCmdlet
{
    protected override void ProcessContainer(ContainerInfo container)
    {
        foreach (var process in Containers.Processes(container.Id)) WriteObject(ToOutput(process));
    }

    private static ContainerProcess ToOutput(ContainerProcessInfo p) => new()
    {
        ContainerName = p.ContainerName,
        ContainerId = p.ContainerId,
        Pid = p.Pid,
        ContainerPid = p.ContainerPid,
        ParentPid = p.ParentPid,
        UserId = p.UserId,
        User = p.User,
        State = p.State,
        CpuTime = p.CpuTime,
        MemoryBytes = p.MemoryBytes,
        StartTime = p.StartTime,
        Command = p.Command,
        Arguments = [.. p.Arguments],
    };
}
