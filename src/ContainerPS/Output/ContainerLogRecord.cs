namespace ContainerPS;

/// <summary>One line a container wrote (PSTypeName <c>ContainerPS.ContainerLogRecord</c>).</summary>
public sealed class ContainerLogRecord
{
    /// <summary>When the supervisor read the line from the container.</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>Stdout or Stderr.</summary>
    public string Stream { get; init; } = "";

    /// <summary>The line, without its newline.</summary>
    public string Message { get; init; } = "";

    public string ContainerId { get; init; } = "";

    public override string ToString() => Message;
}
