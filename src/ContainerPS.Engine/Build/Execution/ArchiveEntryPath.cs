namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Entry names and link targets of an archive ADD extracts, as paths below the destination directory. Like docker's
/// untar (which BuildKit runs), a name or hard link target whose ".." climbs above the destination, and a relative
/// symlink target that would, are refused rather than clamped: no honest archive has one.
/// </summary>
internal static class ArchiveEntryPath
{
    /// <summary>The entry's path below the destination ("" is the destination itself), or null when it climbs out.</summary>
    public static string? Below(string name) => Fold(name.Split('/'), []);

    /// <summary>
    /// True when a relative symlink target, read from the link's directory, stays below the destination. An absolute
    /// target is kept as written: it names a path of the image's root, where the link is followed.
    /// </summary>
    public static bool TargetStaysInside(string linkPath, string target) =>
        target.StartsWith('/') || Fold(target.Split('/'), Parent(linkPath)) is not null;

    public static (string Parent, string Name) Split(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? ("", path) : (path[..slash], path[(slash + 1)..]);
    }

    private static List<string> Parent(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
        return parts;
    }

    private static string? Fold(IEnumerable<string> segments, List<string> start)
    {
        var parts = new List<string>(start);
        foreach (var segment in segments)
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(segment);
        }
        return string.Join('/', parts);
    }
}
