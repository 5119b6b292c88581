using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>Gets the lines containers wrote to stdout and stderr (docker logs).</summary>
[Cmdlet(VerbsCommon.Get, "ContainerLog", DefaultParameterSetName = ByName)]
[OutputType(typeof(ContainerLogRecord))]
public sealed class GetContainerLogCommand : ContainerTargetCmdlet
{
    /// <summary>Only the last this many lines (then, with -Wait, everything new).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Tail { get; set; }

    /// <summary>Keeps writing new lines until the container exits or Ctrl+C (docker logs --follow).</summary>
    [Parameter]
    [Alias("Follow")]
    public SwitchParameter Wait { get; set; }

    /// <summary>Only lines written at or after this time.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Stdout, Stderr or both (the default).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public LogStream[] Stream { get; set; } = [LogStream.Stdout, LogStream.Stderr];

    protected override void ProcessContainer(ContainerInfo container)
    {
        var query = new LogQuery
        {
            Tail = Tail,
            Follow = Wait,
            Since = Since is { } since ? new DateTimeOffset(since.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(since, DateTimeKind.Local) : since) : null,
            Streams = Stream.Aggregate((LogStream)0, (all, one) => all | one),
        };
        foreach (var entry in Containers.Logs(container.Id, query, StopToken)) WriteObject(ContainerConverter.ToLogRecord(entry));
    }
}
