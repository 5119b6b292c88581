using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Runtime.Copy;

namespace ContainerPS.Commands;

/// <summary>
/// Copies files and directories into or out of a container, running or stopped (docker cp), keeping contents, modes,
/// numeric owners, times and symlinks. Shaped like Copy-Item -ToSession/-FromSession: -ToContainer copies host -Path
/// items to the container's -Destination; -FromContainer copies the container's -Path to the host's -Destination.
/// </summary>
[Cmdlet(VerbsCommon.Copy, "ContainerItem", DefaultParameterSetName = ToContainerSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo), typeof(DirectoryInfo), typeof(ContainerItem))]
public sealed class CopyContainerItemCommand : ContainerCmdlet
{
    private const string ToContainerSet = "ToContainer";
    private const string FromContainerSet = "FromContainer";

    /// <summary>What to copy: host paths with -ToContainer, container paths with -FromContainer. A trailing "/." copies a directory's contents.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Where to copy to: a container path with -ToContainer, a host path with -FromContainer.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    /// <summary>The container to copy into: a name, id, id prefix or ContainerPS.Container object.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ToContainerSet)]
    [ContainerReferenceTransformation]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string ToContainer { get; set; } = "";

    /// <summary>The container to copy from: a name, id, id prefix or ContainerPS.Container object.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FromContainerSet)]
    [ContainerReferenceTransformation]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string FromContainer { get; set; } = "";

    /// <summary>Writes the created items: FileInfo/DirectoryInfo on the host, ContainerPS.ContainerItem in a container.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private bool IntoContainer => ParameterSetName == ToContainerSet;

    protected override void ProcessRecord() => Attempt(() =>
    {
        var container = Containers.Get(IntoContainer ? ToContainer : FromContainer);
        string destination = IntoContainer ? Destination : HostPath(Destination);
        foreach (var path in Path)
        {
            string source = IntoContainer ? HostPath(path) : path;
            string action = IntoContainer ? $"Copy '{source}' to container path '{destination}'" : $"Copy container path '{source}' to '{destination}'";
            if (!ShouldProcess(container.Name, action)) continue;
            Attempt(() => Write(container, Containers.Copy(container.Id, IntoContainer ? CopyDirection.ToContainer : CopyDirection.FromContainer, source, destination, StopToken)));
        }
    });

    private void Write(ContainerInfo container, CopiedItem item)
    {
        if (!PassThru) return;
        if (item.InContainer)
        {
            WriteObject(new ContainerItem { ContainerName = container.Name, ContainerId = container.Id, Path = item.Path, ItemType = item.IsDirectory ? "Directory" : "File" });
        }
        else
        {
            WriteObject(item.IsDirectory ? new DirectoryInfo(item.Path) : new FileInfo(item.Path));
        }
    }

    /// <summary>A host path relative to the PowerShell location; the trailing "/" or "/." that carries docker cp's meaning is kept.</summary>
    private string HostPath(string path)
    {
        string suffix = path.EndsWith("/.", StringComparison.Ordinal) ? "/." : path.EndsWith('/') ? "/" : "";
        string resolved = GetUnresolvedProviderPathFromPSPath(path);
        return resolved.TrimEnd('/', '.').Length == 0 && suffix.Length > 0 ? "/" + suffix.TrimStart('/') : resolved.TrimEnd('/') + suffix;
    }
}
