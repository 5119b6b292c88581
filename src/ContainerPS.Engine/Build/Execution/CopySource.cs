using ContainerPS.Engine.Build.Context;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// One source of a COPY or ADD: a build context entry (<see cref="Match"/>), a path in another stage's or image's
/// root (<see cref="RootPath"/>, with <c>--from</c>), a heredoc's text as a file (<see cref="HeredocName"/>, <c>COPY &lt;&lt;EOF /f</c>),
/// or an ADD URL (<see cref="Url"/>) with its content already downloaded (<see cref="Download"/>).
/// </summary>
internal sealed record CopySource(
    SourceMatch? Match = null, string? RootPath = null, string? HeredocName = null, string? HeredocContent = null, Uri? Url = null, DownloadedFile? Download = null)
{
    /// <summary>The name the source has at a directory destination: the base name of the path as written, or of the URL's path.</summary>
    public string BaseName => Url is not null ? AddUrl.FileName(Url)
        : Path.GetFileName((Match?.MatchedPath ?? RootPath ?? HeredocName!).TrimEnd('/')) is { Length: > 0 } name ? name : "/";

    public bool IsDirectory => Match?.Entry.Kind == ContextEntryKind.Directory;
}
