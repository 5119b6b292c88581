namespace ContainerPS.Engine.Runtime;

/// <summary>One line the exec'd process wrote, without its line ending, as it came.</summary>
public sealed record ExecOutputLine(LogStream Stream, string Text);
