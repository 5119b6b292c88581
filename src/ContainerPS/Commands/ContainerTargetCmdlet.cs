using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// The base of the cmdlets that act on existing containers: they take them by name (wildcards), by id, or as
/// ContainerPS.Container objects from the pipeline, and handle each one as its own pipeline item, so one failure is a
/// non-terminating error and the rest go on.
/// </summary>
public abstract class ContainerTargetCmdlet : ContainerCmdlet
{
    // A container is handled once per command, however many patterns name it.
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);

    /// <summary>Container names, ids or id prefixes; wildcards match names and ids.</summary>
    [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[] Name { get; set; } = [];

    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[] Id { get; set; } = [];

    [Parameter(ParameterSetName = ByObject, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container[] InputObject { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var target in Targets())
        {
            Attempt(() =>
            {
                foreach (var container in Resolve(target).ToList())
                {
                    if (_handled.Add(container.Id)) Attempt(() => ProcessContainer(container));
                }
            });
        }
    }

    /// <summary>Does the cmdlet's work on one container.</summary>
    protected abstract void ProcessContainer(ContainerInfo container);

    private IEnumerable<string> Targets() => ParameterSetName switch
    {
        ById => Id,
        ByObject => InputObject.Select(c => c.Id),
        _ => Name,
    };
}
