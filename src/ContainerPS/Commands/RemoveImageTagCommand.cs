using System.Management.Automation;
using ContainerPS.Completion;

namespace ContainerPS.Commands;

/// <summary>Removes a name from a local image, keeping the image and its other names (docker rmi of one tag).</summary>
[Cmdlet(VerbsCommon.Remove, "ImageTag", SupportsShouldProcess = true)]
public sealed class RemoveImageTagCommand : ContainerPSCmdlet
{
    /// <summary>Names to remove; a wildcard removes every matching name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[] Reference { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var reference in Reference) Attempt(() => RemoveMatching(reference));
    }

    /// <summary>A wildcard may match nothing; a literal name that is not in the store is ImageNotFound.</summary>
    private void RemoveMatching(string reference)
    {
        var names = ImageNameMatch.IsWildcard(reference) ? MatchingNames(reference) : [reference];
        foreach (var name in names)
        {
            if (ShouldProcess(name, "Remove tag")) Attempt(() => Images.RemoveTag(name));
        }
    }

    private IReadOnlyList<string> MatchingNames(string reference)
    {
        var pattern = ImageNameMatch.Pattern(reference);
        return [.. Images.ListImages().SelectMany(image => ImageNameMatch.MatchingNames(pattern, image)).Distinct(StringComparer.Ordinal)];
    }
}
