using System.Management.Automation;
using ContainerPS.Completion;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// Samples the resource use of running containers (docker stats): CPU percent over -SampleInterval, memory, pids,
/// block and network IO. Containers from the whole pipeline are sampled together; without names, every running one,
/// and with -All every container (docker stats -a), the stopped ones with a record of zero use and their status.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ContainerStats", DefaultParameterSetName = ByName)]
[OutputType(typeof(ContainerStats))]
public sealed class GetContainerStatsCommand : ContainerCmdlet
{
    private readonly List<string> _running = [];
    private readonly List<ContainerInfo> _stopped = [];

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

    /// <summary>Stopped containers too, each with a record of zero use (docker stats -a).</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

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
            Attempt(() => Collect(Containers.List(), namedAlone: false));
            return;
        }

        foreach (var word in words) Attempt(() => Collect(Resolve(word), NamedAlone(word)));
    }

    protected override void EndProcessing()
    {
        var ids = _running.Distinct().ToList();
        var stopped = _stopped.DistinctBy(c => c.Id).Where(c => !ids.Contains(c.Id)).ToList();
        if (ids.Count == 0)
        {
            WriteStopped(stopped);
            return;
        }

        var rounds = Continuous ? MaxSamples : MaxSamples ?? 1;
        Attempt(() =>
        {
            foreach (var batch in Containers.Stats(ids, TimeSpan.FromSeconds(SampleInterval), rounds, StopToken))
            {
                foreach (var stats in batch) WriteObject(ContainerConverter.ToStats(stats));
                WriteStopped(stopped);
            }
        });
    }

    /// <summary>
    /// A container named on the command line by its literal name or id counts even when stopped, as in docker stats
    /// NAME (the daemon answers a stopped container with an empty stats record). One that comes through the pipeline
    /// or matched a wildcard is skipped unless -All, as docker stats without -a lists only running containers: so
    /// <c>Get-Container | Get-ContainerStats</c> reports the running ones and no error for each stopped one.
    /// </summary>
    private bool NamedAlone(string word) => !MyInvocation.ExpectingInput && !WildcardPattern.ContainsWildcardCharacters(word);

    private void Collect(IEnumerable<ContainerInfo> containers, bool namedAlone)
    {
        foreach (var container in containers)
        {
            if (container.Status is ContainerStatusKind.Running or ContainerStatusKind.Paused) _running.Add(container.Id);
            else if (All || namedAlone) _stopped.Add(container);
            else WriteVerbose($"Container '{container.Name}' is {container.Status}, not running: skipped (-All lists it too).");
        }
    }

    private void WriteStopped(IEnumerable<ContainerInfo> stopped)
    {
        foreach (var container in stopped) WriteObject(ContainerConverter.ToIdleStats(container));
    }
}
