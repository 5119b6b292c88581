using System.Management.Automation;
using ContainerPS.Completion;

namespace ContainerPS.Commands;

/// <summary>
/// The base of the cmdlets that make something from one container at a time (an image, a diff, an export): it is
/// named by -Container as a name, id or id prefix, or piped as a ContainerPS.Container object.
/// </summary>
public abstract class SingleContainerCmdlet : ContainerCmdlet
{
    /// <summary>The container: a name, id, id prefix or ContainerPS.Container object.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ContainerReferenceTransformation]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string Container { get; set; } = "";
}
