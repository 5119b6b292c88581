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
        return path;
    }

    private static string Candidate() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? path
            : Path.Combine(Path.GetDirectoryName(typeof(ShimLocator).Assembly.Location) ?? AppContext.BaseDirectory, FileName);
}
