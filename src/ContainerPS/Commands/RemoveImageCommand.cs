using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Images;

namespace ContainerPS.Commands;

/// <summary>Removes images, with all their names, from the local store (docker rmi, docker image prune).</summary>
[Cmdlet(VerbsCommon.Remove, "Image", DefaultParameterSetName = ByReference, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveImageCommand : ContainerCmdlet
{
    private const string ByReference = "Reference";
    private const string DanglingOnly = "Dangling";

    [Parameter(ParameterSetName = ByReference, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[] Reference { get; set; } = [];

    [Parameter(ParameterSetName = ByObject, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Image[] InputObject { get; set; } = [];

    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Removes every image without a name (docker image prune).</summary>
    [Parameter(ParameterSetName = DanglingOnly, Mandatory = true)]
    public SwitchParameter Dangling { get; set; }

    /// <summary>
    /// Removes the image even when stopped containers use it (they keep its layers until they are removed); never the
    /// image of a running container.
    /// </summary>
    [Parameter(ParameterSetName = ByReference)]
    [Parameter(ParameterSetName = ByObject)]
    [Parameter(ParameterSetName = ById)]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case ByReference:
                foreach (var reference in Reference) Attempt(() => RemoveAll(Resolve(reference)));
                break;
            case ByObject:
                foreach (var image in InputObject) Attempt(() => RemoveAll([Images.ResolveImage(image.Id)]));
                break;
            case ById:
                foreach (var id in Id) Attempt(() => RemoveAll([Images.ResolveImage(id)]));
                break;
            case DanglingOnly:
                Attempt(RemoveDangling);
                break;
        }
    }

    /// <summary>A wildcard may match nothing; a literal reference that names no image is ImageNotFound.</summary>
    private IReadOnlyList<ImageInfo> Resolve(string reference)
    {
        if (!ImageNameMatch.IsWildcard(reference)) return [Images.ResolveImage(reference)];
        var pattern = ImageNameMatch.Pattern(reference);
        return [.. Images.ListImages().Where(image => ImageNameMatch.Matches(pattern, image))];
    }

    private void RemoveAll(IEnumerable<ImageInfo> images)
    {
        foreach (var image in images)
        {
            if (ShouldProcess(Describe(image), "Remove image")) Attempt(() => Containers.RemoveImage(image, Force));
        }
    }

    /// <summary>
    /// Pruning is ConfirmImpact High while removing a named image is Medium; PowerShell has one impact per cmdlet,
    /// so pruning adds the prompt a High impact would have given (ShouldContinue) when $ConfirmPreference is High.
    /// </summary>
    private void RemoveDangling()
    {
        bool yesToAll = false, noToAll = false;
        var promptAsHighImpact = ConfirmPreference == ConfirmImpact.High && !MyInvocation.BoundParameters.ContainsKey("Confirm");
        // As docker image prune: a dangling image that a container was created from stays, without an error.
        foreach (var image in Images.ListDanglingImages().Where(image => !Containers.IsImageInUse(image)))
        {
            var target = Describe(image);
            if (!ShouldProcess(target, "Remove dangling image")) continue;
            if (promptAsHighImpact && !ShouldContinue($"Remove dangling image {target}?", "Remove-Image -Dangling", ref yesToAll, ref noToAll)) continue;
            Attempt(() => Containers.RemoveImage(image, force: false));
        }
    }

    private ConfirmImpact ConfirmPreference =>
        LanguagePrimitives.TryConvertTo<ConfirmImpact>(GetVariableValue("ConfirmPreference"), out var preference) ? preference : ConfirmImpact.High;

    private static string Describe(ImageInfo image) =>
        image.Names.Count == 0 ? image.Id.ToString() : $"{string.Join(", ", image.Names.Select(ImageNameMatch.FamiliarName))} ({image.Id.ShortId})";
}
