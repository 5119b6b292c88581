namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// Follows symbolic links along a context path without ever leaving the context: an absolute link target is taken
/// relative to the context root and <c>..</c> stops at the root, the way docker resolves a COPY/ADD source "in
/// scope" of the context (Dockerfile reference, "COPY"). A link that is itself ignored is not in the context, so it
/// resolves to nothing.
/// </summary>
internal sealed class ScopedPathResolver(ContextFileSystem files, IgnoreMatcher ignore)
{
    /// <summary>Linux's limit on links followed while resolving one path (ELOOP).</summary>
    private const int MaxLinks = 40;

    /// <summary>The context path with every link resolved, or null when an ignored link stands in the way.</summary>
    public string? Resolve(string contextPath)
    {
        var pending = new LinkedList<string>(Segments(contextPath));
        var resolved = new List<string>();
        int links = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            if (first.Value == "..") { if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1); continue; }
            string candidate = SlashPath.Join(string.Join('/', resolved), first.Value);
            if (files.Probe(candidate) is not { Kind: ContextEntryKind.Symlink, LinkTarget: string target }) { resolved.Add(first.Value); continue; }
            if (++links > MaxLinks) throw BuildContextErrors.SymlinkLoop(contextPath);
            if (ignore.IsIgnored(candidate)) return null;
            if (target.StartsWith('/')) resolved.Clear();
            foreach (string segment in Segments(target).Reverse()) pending.AddFirst(segment);
        }
        return string.Join('/', resolved);
    }

    private static IEnumerable<string> Segments(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != ".");
}
