using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Images;

namespace ContainerPS.Commands;

/// <summary>Gets images from the local store (docker images, docker image inspect).</summary>
[Cmdlet(VerbsCommon.Get, "Image", DefaultParameterSetName = ByReference)]
[OutputType(typeof(Image))]
public sealed class GetImageCommand : ContainerPSCmdlet
{
    private const string ByReference = "Reference";
    private const string DanglingOnly = "Dangling";

    // One image is written once per command, however many patterns match it.
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>Names, familiar names, ids or id prefixes; wildcards match every name and the id.</summary>
    [Parameter(ParameterSetName = ByReference, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[]? Reference { get; set; }

    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Id { get; set; } = [];

    /// <summary>Only images without a name (docker images --filter dangling=true).</summary>
    [Parameter(ParameterSetName = DanglingOnly, Mandatory = true)]
    public SwitchParameter Dangling { get; set; }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case DanglingOnly:
                Attempt(() => WriteImages(Images.ListDanglingImages()));
                break;
            case ById:
                foreach (var id in Id) Attempt(() => WriteMatches(id));
                break;
            case ByReference when Reference is null:
                Attempt(() => WriteImages(Images.ListImages()));
                break;
            default:
                foreach (var reference in Reference!) Attempt(() => WriteMatches(reference));
                break;
        }
    }

    /// <summary>
    /// A wildcard pattern writes whatever it matches, possibly nothing; a literal name that names no image is an
    /// ImageNotFound error, as Get-Process does for a process name.
    /// </summary>
    private void WriteMatches(string text)
    {
        if (!ImageNameMatch.IsWildcard(text))
        {
            WriteImages([Images.ResolveImage(text)]);
            return;
        }

        var pattern = ImageNameMatch.Pattern(text);
        WriteImages(Images.ListImages().Where(image => ImageNameMatch.Matches(pattern, image)));
    }

    private void WriteImages(IEnumerable<ImageInfo> images)
    {
        foreach (var image in images)
        {
            if (_written.Add(image.Id.ToString())) WriteObject(ImageConverter.ToImage(image));
        }
    }
}
