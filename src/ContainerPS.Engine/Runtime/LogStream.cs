namespace ContainerPS.Engine.Runtime;

/// <summary>The stream a log line was written to.</summary>
[Flags]
public enum LogStream
{
    Stdout = 1,
    Stderr = 2,
}
