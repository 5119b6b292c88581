using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// The typed errors of the build context, so a bad COPY/ADD source never surfaces as a raw .NET exception
/// (Dockerfile reference, "COPY": sources "are interpreted as relative to the source of the context" and must be
/// inside it).
/// </summary>
internal static class BuildContextErrors
{
    public const string SourceNotFoundId = "BuildSourceNotFound";

    public const string EscapeId = "BuildContextEscape";

    public const string InvalidSourcePatternId = "BuildSourceInvalidPattern";

    public const string SymlinkLoopId = "BuildContextSymlinkLoop";

    public const string UnreadableId = "BuildContextUnreadable";

    public static ContainerPSException NotFound(string source) =>
        Fail.NotFound(SourceNotFoundId, $"COPY/ADD source not found in the build context: '{source}'", source);

    public static ContainerPSException Escape(string source) =>
        Fail.InvalidArgument(EscapeId, $"COPY/ADD source is outside the build context: '{source}'", source);

    public static ContainerPSException InvalidPattern(string source, string problem) =>
        Fail.InvalidArgument(InvalidSourcePatternId, $"COPY/ADD source '{source}' is a bad pattern: {problem}", source);

    public static ContainerPSException SymlinkLoop(string path) =>
        Fail.InvalidArgument(SymlinkLoopId, $"too many levels of symbolic links in the build context at '{path}'", path);

    public static ContainerPSException Unreadable(string path, Exception inner) =>
        Fail.PermissionDenied(UnreadableId, $"cannot read the build context at '{path}': {inner.Message}", path, inner);
}
