namespace ContainerPS;

/// <summary>How a command run with <c>Invoke-ContainerCommand -PassThru</c> ended (PSTypeName <c>ContainerPS.ContainerExecResult</c>).</summary>
public sealed class ContainerExecResult
{
    public string ContainerName { get; init; } = "";

    public string ContainerId { get; init; } = "";

    /// <summary>The program and its arguments.</summary>
    public string[] Command { get; init; } = [];

    /// <summary>Its exit code; 128 + the signal when a signal ended it.</summary>
    public int ExitCode { get; init; }

    /// <summary>Its stdout lines.</summary>
    public string[] Output { get; init; } = [];

    /// <summary>Its stderr lines.</summary>
    public string[] Error { get; init; } = [];

    public override string ToString() => $"{ContainerName}: exit {ExitCode}";
}
