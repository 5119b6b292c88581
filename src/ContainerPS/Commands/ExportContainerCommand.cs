using System.Management.Automation;

namespace ContainerPS.Commands;

/// <summary>
/// Writes a container's root file system, its image's layers with its changes applied, as one tar file (docker
/// export). Running containers too; the file appears only once complete.
/// </summary>
[Cmdlet(VerbsData.Export, "Container", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportContainerCommand : SingleContainerCmdlet
{
    /// <summary>The tar file to write, relative to the PowerShell location.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Replaces an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => Attempt(() =>
    {
        var container = Containers.Get(Container);
        var destination = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(container.Name, $"Export container file system to '{destination}'")) return;
        Containers.Export(container.Id, destination, Force, StopToken);
        if (PassThru) WriteObject(new FileInfo(destination));
    });
}
