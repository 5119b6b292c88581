namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// The directory a build reads COPY/ADD sources from, seen through its <c>.dockerignore</c> (Dockerfile reference,
/// ".dockerignore file" and "COPY"). Reads never leave the directory: <c>..</c> sources are
/// <c>BuildContextEscape</c>, absolute sources and absolute link targets are relative to the root, a source that
/// is a link is followed only inside the context, and links below a source are returned as links.
/// </summary>
public sealed class BuildContext
{
    private readonly ContextFileSystem files;
    private readonly ScopedPathResolver resolver;
    private readonly ContextWalker walker;
    private readonly ContextGlob glob;

    public BuildContext(string directory, IgnoreMatcher ignore)
    {
        Directory = Path.GetFullPath(directory);
        Ignore = ignore;
        files = new ContextFileSystem(Directory);
        resolver = new ScopedPathResolver(files, ignore);
        walker = new ContextWalker(files, ignore);
        glob = new ContextGlob(files, resolver, walker);
    }

    public string Directory { get; }

    public IgnoreMatcher Ignore { get; }

    /// <summary>The context of a build, with the ignore file that applies to <paramref name="dockerfilePath"/>.</summary>
    public static BuildContext Open(string directory, string? dockerfilePath) =>
        new(directory, DockerignoreLocator.Load(directory, dockerfilePath));

    /// <summary>
    /// What one already-expanded COPY/ADD source names, in order; <c>BuildSourceNotFound</c> when nothing visible
    /// matches, <c>BuildSourceInvalidPattern</c> for a malformed wildcard.
    /// </summary>
    public IReadOnlyList<SourceMatch> ResolveSource(string source)
    {
        string path = ContextSourcePath.Normalize(source);
        IReadOnlyList<string> candidates = GoGlob.HasMeta(path) ? glob.Expand(Validated(source, path)) : [path];
        var matches = candidates.Select(Match).OfType<SourceMatch>().ToList();
        return matches.Count > 0 ? matches : throw BuildContextErrors.NotFound(source);
    }

    private static string Validated(string source, string path)
    {
        string? problem = GoGlob.Problem(path);
        return problem is null ? path : throw BuildContextErrors.InvalidPattern(source, problem);
    }

    private SourceMatch? Match(string matchedPath)
    {
        string? real = resolver.Resolve(matchedPath);
        if (real is null || files.Probe(real) is not { } entry || entry.Kind == ContextEntryKind.Symlink) return null;
        if (!walker.IsVisible(entry)) return null;
        IReadOnlyList<ContextEntry> contents = entry.Kind == ContextEntryKind.Directory ? walker.Contents(real) : [];
        return new SourceMatch(matchedPath, entry, contents);
    }
}
