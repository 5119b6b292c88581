namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// Expands a COPY/ADD source with wildcards: each segment is matched with Go's <c>filepath.Match</c> against the
/// visible names of the directories reached so far, so <c>*</c> never crosses a <c>/</c> and <c>**</c> means the
/// same as <c>*</c> (Dockerfile reference, "COPY", "Pattern matching"). Directories are reached through links
/// inside the context, ignored names are invisible.
/// </summary>
internal sealed class ContextGlob(ContextFileSystem files, ScopedPathResolver resolver, ContextWalker walker)
{
    /// <summary>The matched context paths as the pattern spells them, sorted by name within each directory.</summary>
    public IReadOnlyList<string> Expand(string pattern)
    {
        IReadOnlyList<string> reached = [""];
        foreach (string segment in pattern.Split('/'))
            reached = GoGlob.HasMeta(segment) ? reached.SelectMany(d => MatchChildren(d, segment)).ToList()
                : reached.Select(d => SlashPath.Join(d, segment)).ToList();
        return reached;
    }

    private IEnumerable<string> MatchChildren(string directory, string segment)
    {
        string? real = resolver.Resolve(directory);
        if (real is null || files.Probe(real) is not { Kind: ContextEntryKind.Directory }) return [];
        return files.List(real)
            .Where(child => GoGlob.Matches(segment, Name(child)) && walker.IsVisible(child))
            .Select(child => SlashPath.Join(directory, Name(child)));
    }

    private static string Name(ContextEntry entry) => entry.ContextPath[(entry.ContextPath.LastIndexOf('/') + 1)..];
}
