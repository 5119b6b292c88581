using ContainerPS.Engine.Build.Context;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// One source of a COPY or ADD: a build context entry (<see cref="Match"/>), a path in another stage's or image's
/// root (<see cref="RootPath"/>, with <c>--from</c>), or a heredoc's text as a file (<see cref="HeredocName"/>, <c>COPY &lt;&lt;EOF /f</c>).
/// </summary>
internal sealed record CopySource(SourceMatch? Match = null, string? RootPath = null, string? HeredocName = null, string? HeredocContent = null)
{
    /// <summary>The name the source has at a directory destination: the base name of the path as written.</summary>
    public string BaseName => Path.GetFileName((Match?.MatchedPath ?? RootPath ?? HeredocName!).TrimEnd('/')) is { Length: > 0 } name ? name : "/";

    public bool IsDirectory => Match?.Entry.Kind == ContextEntryKind.Directory;
}
