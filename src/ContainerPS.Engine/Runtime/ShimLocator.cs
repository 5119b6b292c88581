using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Finds the supervisor binary: <c>$CONTAINERPS_SHIM</c> when set, else <c>containerps-shim</c> next to the engine
/// assembly (the staged module carries it there; issue-3 contract).
/// </summary>
internal static class ShimLocator
{
    public const string Variable = "CONTAINERPS_SHIM";
    public const string FileName = "containerps-shim";

    public static string Find()
    {
        var path = Candidate();
        if (!File.Exists(path))
            throw Fail.FailedPrecondition("ShimNotFound", $"The container supervisor '{path}' does not exist; build the module, or set ${Variable}.", path);
        EnsureExecutable(path);
        return path;
    }

    /// <summary>
    /// A NuGet package keeps no file modes, so a module installed with Install-PSResource (README, "Install") has its
    /// supervisor without execute bits. Give them back, as <c>chmod +x</c> would, where the user may; else say so.
    /// </summary>
    private static void EnsureExecutable(string path)
    {
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & execute) != 0) return;
        try
        {
            File.SetUnixFileMode(path, mode | execute);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw Fail.PermissionDenied("ShimNotExecutable",
                $"The container supervisor '{path}' is not executable and this user may not change that; run chmod +x on it.", path, exception);
        }
    }

    private static string Candidate() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? path
            : Path.Combine(Path.GetDirectoryName(typeof(ShimLocator).Assembly.Location) ?? AppContext.BaseDirectory, FileName);
}
