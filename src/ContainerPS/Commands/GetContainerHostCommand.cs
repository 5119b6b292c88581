using System.Management.Automation;

namespace ContainerPS.Commands;

/// <summary>Gets this host as containers see it (docker info): kernel, cgroup version, the store, seccomp.</summary>
[Cmdlet(VerbsCommon.Get, "ContainerHost")]
[OutputType(typeof(ContainerHost))]
public sealed class GetContainerHostCommand : ContainerCmdlet
{
    protected override void EndProcessing() => Attempt(() => WriteObject(ContainerHost.From(Containers.Host())));
}
