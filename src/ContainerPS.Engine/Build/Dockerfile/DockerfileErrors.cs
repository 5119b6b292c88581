using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// The typed errors of the Dockerfile frontend, so bad input never surfaces as a raw .NET exception: syntax faults are
/// <c>DockerfileParseError</c> with file and line (issue 12), a <c>${name:?message}</c> on an unset variable is
/// <c>BuildArgumentRequired</c> (Dockerfile reference, "Environment replacement").
/// </summary>
internal static class DockerfileErrors
{
    public const string ParseErrorId = "DockerfileParseError";

    public const string ArgumentRequiredId = "BuildArgumentRequired";

    public static ContainerPSException Parse(SourceLocation? at, string message) =>
        Fail.InvalidArgument(ParseErrorId, Prefixed(at, message), at?.File);

    public static ContainerPSException Required(SourceLocation? at, string name, string message) =>
        Fail.InvalidArgument(ArgumentRequiredId, Prefixed(at, $"{name}: {message}"), name);

    private static string Prefixed(SourceLocation? at, string message) => at is null ? message : $"{at}: {message}";
}
