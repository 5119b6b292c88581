using System.Management.Automation;

namespace ContainerPS.Commands;

/// <summary>Creates a container from an image without starting it (docker create); images come from the pipeline too (Get-Image | New-Container).</summary>
[Cmdlet(VerbsCommon.New, "Container", DefaultParameterSetName = RunSet, SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class NewContainerCommand : ContainerRunCmdlet
{
    /// <summary>The new container's name; a readable one is generated when none is given.</summary>
    [Parameter(ParameterSetName = RunSet)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override string? NewName => Name;

    protected override void ProcessRecord() => Attempt(() =>
    {
        if (!ShouldProcess(Image, Name is null ? "Create container" : $"Create container '{Name}'")) return;
        WriteObject(ContainerConverter.ToContainer(CreateContainer()));
    });
}
