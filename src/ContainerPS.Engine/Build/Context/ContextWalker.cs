namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// Lists what the build context holds as docker sends it: ignored entries are absent, an ignored directory is
/// walked only when an exception may re-include something below it, and then appears only as the parent of what
/// was re-included (Dockerfile reference, ".dockerignore file", exceptions with <c>!</c>).
/// </summary>
internal sealed class ContextWalker(ContextFileSystem files, IgnoreMatcher ignore)
{
    /// <summary>Every visible entry below a real directory, depth first, each directory before its contents.</summary>
    public IReadOnlyList<ContextEntry> Contents(string directory)
    {
        var found = new List<ContextEntry>();
        AddContents(directory, found);
        return found;
    }

    /// <summary>Whether an entry (known to exist, not a link to follow) is part of the context.</summary>
    public bool IsVisible(ContextEntry entry)
    {
        if (entry.ContextPath.Length == 0 || !ignore.IsIgnored(entry.ContextPath)) return true;
        return entry.Kind == ContextEntryKind.Directory && ignore.MayReincludeBelow(entry.ContextPath)
            && Contents(entry.ContextPath).Count > 0;
    }

    private void AddContents(string directory, List<ContextEntry> found)
    {
        foreach (ContextEntry child in files.List(directory))
        {
            bool ignored = ignore.IsIgnored(child.ContextPath);
            if (child.Kind != ContextEntryKind.Directory) { if (!ignored) found.Add(child); continue; }
            if (ignored && !ignore.MayReincludeBelow(child.ContextPath)) continue;
            int at = found.Count;
            found.Add(child);
            AddContents(child.ContextPath, found);
            if (ignored && found.Count == at + 1) found.RemoveAt(at);
        }
    }
}
