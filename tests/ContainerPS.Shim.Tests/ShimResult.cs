namespace ContainerPS.Shim.Tests;

/// <summary>What a containerps-shim invocation printed and returned.</summary>
internal sealed record ShimResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
