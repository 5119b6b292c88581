namespace ContainerPS.Engine.Archive;

/// <summary>
/// The rules for paths inside an archive (hardening.md, principle 1: a path from outside is data, never a place on
/// disk). A name is '/'-separated and relative; "." components are dropped; an absolute path or a ".." component is
/// refused, and so is a link whose target leads above the archive's root.
/// </summary>
internal static class ArchiveEntryName
{
    /// <summary>The canonical form of <paramref name="raw"/>; null for the archive root itself ("." or "./").</summary>
    public static string? Normalize(string raw)
    {
        if (raw.Contains('\0')) throw ArchiveErrors.Unsafe(raw, "the name contains a NUL byte");
        if (raw.StartsWith('/')) throw ArchiveErrors.Unsafe(raw, "an absolute path");
        var parts = Segments(raw);
        if (parts.Contains("..")) throw ArchiveErrors.Unsafe(raw, "a '..' component");
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>The archive path a symlink at <paramref name="entry"/> with target <paramref name="link"/> points at.</summary>
    public static string ResolveSymlink(string entry, string link)
    {
        if (link.StartsWith('/')) throw ArchiveErrors.Unsafe(entry, $"a symlink to the absolute path '{link}'");
        var resolved = Segments(entry);
        resolved.RemoveAt(resolved.Count - 1);
        foreach (var part in Segments(link))
        {
            if (part != "..") resolved.Add(part);
            else if (resolved.Count == 0) throw ArchiveErrors.Unsafe(entry, $"a symlink to '{link}', outside the archive");
            else resolved.RemoveAt(resolved.Count - 1);
        }

        return resolved.Count == 0 ? throw ArchiveErrors.Unsafe(entry, "a symlink to the archive root") : string.Join('/', resolved);
    }

    private static List<string> Segments(string path) =>
        path.Split('/').Where(p => p.Length > 0 && p != ".").ToList();
}
