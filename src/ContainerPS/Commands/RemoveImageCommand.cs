using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Images;

namespace ContainerPS.Commands;

/// <summary>
/// Removes image names and images from the local store (docker rmi, docker image prune). A name is untagged while
/// its image has other names and the image goes with its last name; an id removes the image with all its names.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "Image", DefaultParameterSetName = ByReference, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveImageCommand : ContainerCmdlet
{
    private const string ByReference = "Reference";
    private const string DanglingOnly = "Dangling";
    private const string UntagAction = "Untag";
    private const string RemoveAction = "Remove image";

    // The names this command removed, or under -WhatIf would have: the last name of an image then says it removes
    // the image, whether the pipeline runs or only says what it would do (ImageRemoval).
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);

    /// <summary>Names, familiar names, ids or id prefixes; a wildcard selects every matching name.</summary>
    [Parameter(ParameterSetName = ByReference, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[] Reference { get; set; } = [];

    /// <summary>Rows from Get-Image: each removes its own name (a nameless row, its image).</summary>
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
    /// Removes an image by id although it has several names, and removes an image even when stopped containers use
    /// it (they keep its layers until they are removed); never the image of a running container.
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
                foreach (var reference in Reference) Attempt(() => RemoveMatches(reference));
                break;
            case ByObject:
                foreach (var image in InputObject) Attempt(() => RemoveRow(image));
                break;
            case ById:
                foreach (var id in Id) Attempt(() => RemoveImage(Images.ResolveImage(id)));
                break;
            case DanglingOnly:
                Attempt(RemoveDangling);
                break;
        }
    }

    /// <summary>A wildcard may match nothing and removes every name it matches; a literal that names no image is ImageNotFound.</summary>
    private void RemoveMatches(string reference)
    {
        if (!ImageNameMatch.IsWildcard(reference))
        {
            Remove(Images.Find(reference));
            return;
        }

        var pattern = ImageNameMatch.Pattern(reference);
        foreach (var image in Images.ListImages())
        {
            foreach (var name in ImageNameMatch.MatchingRows(pattern, image)) Attempt(() => Remove(new ImageMatch(image, name)));
        }
    }

    private void RemoveRow(Image row) => Remove(row.Reference is { } name ? Images.Find(name) : new ImageMatch(Images.ResolveImage(row.Id), null));

    private void Remove(ImageMatch match)
    {
        if (match.Name is { } name) RemoveName(match.Image, name);
        else RemoveImage(match.Image);
    }

    /// <summary>docker rmi of a name: untags it while the image has other names, else removes the image.</summary>
    private void RemoveName(ImageInfo image, string name)
    {
        if (_gone.Contains(name)) return;
        var untag = ImageRemoval.UntagsOnly(image, name, _gone);
        var familiar = ImageNameMatch.FamiliarName(name);
        var (target, action) = untag
            ? ($"{familiar} (image {image.Id.ShortId} keeps its other names)", UntagAction)
            : ($"{image.Id.ShortId} ({familiar}, its last name)", RemoveAction);
        if (!Approved(target, action, [name])) return;
        if (untag) Images.RemoveTag(name);
        else Containers.RemoveImage(image, Force);
        _gone.Add(name);
    }

    /// <summary>docker rmi of an id: the image with all its names; with several names only with -Force.</summary>
    private void RemoveImage(ImageInfo image)
    {
        var names = ImageRemoval.NamesRemovedWithImage(image, _gone, Force);
        if (!Approved(Describe(image, names), RemoveAction, names)) return;
        Containers.RemoveImage(image, Force);
        _gone.UnionWith(names);
    }

    /// <summary>ShouldProcess; under -WhatIf the names count as gone, so what follows is described as it would happen.</summary>
    private bool Approved(string target, string action, IEnumerable<string> names)
    {
        if (ShouldProcess(target, action)) return true;
        if (WhatIfMode) _gone.UnionWith(names);
        return false;
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
            var target = image.Id.ToString();
            if (!ShouldProcess(target, "Remove dangling image")) continue;
            if (promptAsHighImpact && !ShouldContinue($"Remove dangling image {target}?", "Remove-Image -Dangling", ref yesToAll, ref noToAll)) continue;
            Attempt(() => Containers.RemoveImage(image, force: false));
        }
    }

    private ConfirmImpact ConfirmPreference =>
        LanguagePrimitives.TryConvertTo<ConfirmImpact>(GetVariableValue("ConfirmPreference"), out var preference) ? preference : ConfirmImpact.High;

    /// <summary>-WhatIf given, or $WhatIfPreference set without -WhatIf:$false: what ShouldProcess then answers false for.</summary>
    private bool WhatIfMode =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private static string Describe(ImageInfo image, IReadOnlyList<string> names) =>
        names.Count == 0 ? image.Id.ToString() : $"{image.Id.ShortId} ({string.Join(", ", names.Select(ImageNameMatch.FamiliarName))})";
}
