using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Images;

namespace ContainerPS.Commands;

/// <summary>Gives a local image another name (docker tag).</summary>
[Cmdlet(VerbsCommon.Add, "ImageTag", DefaultParameterSetName = ByReference, SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
public sealed class AddImageTagCommand : ContainerPSCmdlet
{
    private const string ByReference = "Reference";
    private const string ByImage = "Image";

    /// <summary>The image to tag: a name, familiar name, id or id prefix.</summary>
    [Parameter(ParameterSetName = ByReference, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string Reference { get; set; } = "";

    [Parameter(ParameterSetName = ByImage, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Image? Image { get; set; }

    /// <summary>The new name (<c>myapp:1.0</c>, <c>localhost:5000/team/app:v2</c>).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string NewReference { get; set; } = "";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => Attempt(() =>
    {
        var image = Images.ResolveImage(Image?.Id ?? Reference);
        if (!ShouldProcess(Image?.ToString() ?? Reference, $"Add tag {NewReference}")) return;
        var tagged = Images.AddTag(image, NewReference);
        if (PassThru) WriteObject(ImageConverter.ToImage(tagged, ImageService.StoredNameOf(NewReference)));
    });
}
