using System.Collections;
using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>Gets containers with their live status (docker ps -a, docker inspect), filtered by name, status, image and labels.</summary>
[Cmdlet(VerbsCommon.Get, "Container", DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class GetContainerCommand : ContainerCmdlet
{
    // One container is written once per command, however many patterns match it.
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>Names, ids or id prefixes; wildcards match names and ids. All containers when omitted.</summary>
    [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[] Id { get; set; } = [];

    /// <summary>Only containers in these states.</summary>
    [Parameter]
    public ContainerStatusKind[]? Status { get; set; }

    /// <summary>Only containers created from images whose name or id matches this wildcard pattern.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string? Image { get; set; }

    /// <summary>Only containers that have every one of these labels: <c>@{ key = 'value' }</c>, <c>key=value</c>, or <c>key</c> for any value.</summary>
    [Parameter]
    [ValidateNotNull]
    [LabelTransformation]
    public Hashtable? Label { get; set; }

    protected override void ProcessRecord()
    {
        var words = ParameterSetName == ById ? Id : Name;
        if (words is null)
        {
            Attempt(() => Write(Containers.List()));
            return;
        }

        foreach (var word in words) Attempt(() => Write(Resolve(word)));
    }

    private void Write(IEnumerable<ContainerInfo> containers)
    {
        foreach (var container in containers.Where(Wanted))
        {
            if (_written.Add(container.Id)) WriteObject(ContainerConverter.ToContainer(container));
        }
    }

    private bool Wanted(ContainerInfo container) =>
        (Status is null || Status.Contains(container.Status)) && ImageMatches(container) && LabelsMatch(container);

    private bool ImageMatches(ContainerInfo container)
    {
        if (Image is null) return true;
        var pattern = WildcardPattern.Get(Image, WildcardOptions.IgnoreCase);
        return pattern.IsMatch(container.Image) || pattern.IsMatch(container.ImageId) || pattern.IsMatch(container.ImageId.Replace("sha256:", ""));
    }

    /// <summary>Every label asked for, with its value; a null value asks only for the key (docker ps --filter label=key).</summary>
    private bool LabelsMatch(ContainerInfo container) =>
        Label is null || Label.Cast<DictionaryEntry>().All(wanted =>
            container.Labels.TryGetValue((string)wanted.Key, out var actual) && (wanted.Value is null || actual == (string)wanted.Value));
}
