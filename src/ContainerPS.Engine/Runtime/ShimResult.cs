namespace ContainerPS.Engine.Runtime;

/// <summary>How one run of <c>containerps-shim</c> ended.</summary>
internal sealed record ShimResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The supervisor's own words for a failure, for error messages.</summary>
    public string Reason => StandardError.Trim() is { Length: > 0 } text ? text : $"exit code {ExitCode}";
}
