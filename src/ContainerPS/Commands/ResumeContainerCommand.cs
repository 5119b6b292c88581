using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>Resumes paused containers (docker unpause): their processes run on from where Suspend-Container froze them.</summary>
[Cmdlet(VerbsLifecycle.Resume, "Container", DefaultParameterSetName = ByName, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class ResumeContainerCommand : ContainerTargetCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(ContainerInfo container)
    {
        if (!ShouldProcess(container.Name, "Resume container")) return;
        var resumed = Containers.Resume(container.Id, StopToken);
        if (PassThru) WriteObject(ContainerConverter.ToContainer(resumed));
    }
}
