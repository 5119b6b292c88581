namespace ContainerPS.Engine.Runtime;

/// <summary>Which log lines to read (docker logs --since, --tail, --follow; ContainerPS's -Stream).</summary>
public sealed record LogQuery
{
    /// <summary>Only lines written at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only the last this many lines already written (then, when following, everything new).</summary>
    public int? Tail { get; init; }

    /// <summary>Keep reading new lines until the container exits.</summary>
    public bool Follow { get; init; }

    public LogStream Streams { get; init; } = LogStream.Stdout | LogStream.Stderr;

    /// <summary>
    /// Where in the log to begin, from <see cref="ContainerService.LogPosition"/> taken before a start: the lines of
    /// earlier runs are skipped without comparing clocks.
    /// </summary>
    public long? FromPosition { get; init; }
}
