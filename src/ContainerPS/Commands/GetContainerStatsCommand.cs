using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime;
using ContainerPS.Errors;

namespace ContainerPS.Commands;

/// <summary>
/// Samples the resource use of running containers (docker stats): CPU percent over -SampleInterval, memory, pids,
/// block and network IO. Containers from the whole pipeline are sampled together; without names, every running one.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ContainerStats", DefaultParameterSetName = ByName)]
[OutputType(typeof(ContainerStats))]
public sealed class GetContainerStatsCommand : ContainerCmdlet
{
    private readonly List<string> _ids = [];

    /// <summary>Names, ids or id prefixes; wildcards match names and ids. Every running container when omitted.</summary>
    [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[] Id { get; set; } = [];

    [Parameter(ParameterSetName = ByObject, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container[] InputObject { get; set; } = [];

    /// <summary>Seconds between samples; CPU percent is measured over this interval.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int SampleInterval { get; set; } = 1;

    /// <summary>How many samples of each container to write; 1 unless -Continuous.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxSamples { get; set; }

    /// <summary>Keeps sampling until Ctrl+C or until every container has exited.</summary>
    [Parameter]
    public SwitchParameter Continuous { get; set; }

    protected override void ProcessRecord()
    {
        var words = ParameterSetName switch
        {
            ById => Id,
            ByObject => InputObject.Select(c => c.Id).ToArray(),
            _ => Name,
        };
        if (words is null)
        {
            Attempt(() => _ids.AddRange(Containers.List().Where(c => c.Status == ContainerStatusKind.Running).Select(c => c.Id)));
            return;
        }

        foreach (var word in words) Attempt(() => Collect(Resolve(word)));
    }

    protected override void EndProcessing()
    {
        var ids = _ids.Distinct().ToList();
        if (ids.Count == 0) return;
        var rounds = Continuous ? MaxSamples : MaxSamples ?? 1;
        Attempt(() =>
        {
            foreach (var batch in Containers.Stats(ids, TimeSpan.FromSeconds(SampleInterval), rounds, StopToken))
            {
                foreach (var stats in batch) WriteObject(ContainerConverter.ToStats(stats));
            }
        });
    }

    /// <summary>A container that is not running has nothing to sample: a ContainerNotRunning error, and the others go on.</summary>
    private void Collect(IEnumerable<ContainerInfo> containers)
    {
        foreach (var container in containers)
        {
            if (container.Status == ContainerStatusKind.Running) _ids.Add(container.Id);
            else WriteError(ErrorRecords.From(Fail.FailedPrecondition("ContainerNotRunning", $"Container '{container.Name}' is not running.", container.Name)));
        }
    }
}
