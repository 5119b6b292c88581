using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Images;

namespace ContainerPS.Commands;

/// <summary>Gets images from the local store, a row per name (docker images, docker image inspect).</summary>
[Cmdlet(VerbsCommon.Get, "Image", DefaultParameterSetName = ByReference)]
[OutputType(typeof(Image))]
public sealed class GetImageCommand : ContainerPSCmdlet
{
    private const string ByReference = "Reference";
    private const string DanglingOnly = "Dangling";

    // One row is written once per command, however many patterns match it.
    private readonly HashSet<(string Id, string? Name)> _written = [];

    /// <summary>
    /// Names, familiar names, ids or id prefixes. A name selects its row; an id selects every row of the image;
    /// a wildcard selects the rows whose name matches, or every row of an image whose id matches.
    /// </summary>
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

    /// <summary>Also the build cache's step results, which are not listed otherwise (docker images -a).</summary>
    [Parameter(ParameterSetName = ByReference)]
    [Parameter(ParameterSetName = ById)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case DanglingOnly:
                Attempt(() => WriteRows(Images.ListDanglingImages().SelectMany(AllRows)));
                break;
            case ById:
                foreach (var id in Id) Attempt(() => WriteMatches(id, wholeImage: true));
                break;
            case ByReference when Reference is null:
                Attempt(() => WriteRows(Listed().SelectMany(AllRows)));
                break;
            default:
                foreach (var reference in Reference!) Attempt(() => WriteMatches(reference, wholeImage: false));
                break;
        }
    }

    /// <summary>
    /// A wildcard pattern writes whatever it matches, possibly nothing; a literal name that names no image is an
    /// ImageNotFound error, as Get-Process does for a process name.
    /// </summary>
    private void WriteMatches(string text, bool wholeImage)
    {
        if (!ImageNameMatch.IsWildcard(text))
        {
            var match = Images.Find(text);
            WriteRows(match.Name is null || wholeImage ? AllRows(match.Image) : [(match.Image, match.Name)]);
            return;
        }

        var pattern = ImageNameMatch.Pattern(text);
        WriteRows(Listed().SelectMany(image => ImageNameMatch.MatchingRows(pattern, image).Select(name => (image, name))));
    }

    private IEnumerable<ImageInfo> Listed() => Images.ListImages().Where(image => All || !image.IsBuildCache);

    private static IEnumerable<(ImageInfo Image, string? Name)> AllRows(ImageInfo image) =>
        ImageNameMatch.RowNames(image).Select(name => (image, name));

    private void WriteRows(IEnumerable<(ImageInfo Image, string? Name)> rows)
    {
        foreach (var (image, name) in rows)
        {
            if (_written.Add((image.Id.ToString(), name))) WriteObject(ImageConverter.ToImage(image, name));
        }
    }
}
