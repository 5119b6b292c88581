namespace ContainerPS.Engine.Runtime;

/// <summary>One line a container wrote, with the time the supervisor read it.</summary>
public sealed record ContainerLogEntry(DateTimeOffset Timestamp, LogStream Stream, string Message, string ContainerId);
