namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// A cgroup path as in config.json linux.cgroupsPath ("/containerps/&lt;id&gt;"), relative to each hierarchy's root. It
/// must be absolute and plain: an empty, "." or ".." segment could name a cgroup outside the one meant.
/// </summary>
internal static class CgroupPath
{
    public static IReadOnlyList<string> Segments(string path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Contains('\0'))
        {
            throw Invalid(path);
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s is "." or ".."))
        {
            throw Invalid(path);
        }

        return segments;
    }

    /// <summary>The directory of the cgroup below a hierarchy root.</summary>
    public static string Under(string hierarchyRoot, IReadOnlyList<string> segments) =>
        Path.Combine([hierarchyRoot, .. segments]);

    private static CgroupException Invalid(string path) =>
        new(CgroupErrorIds.InvalidPath, $"'{path}' is not a valid cgroup path: it must be absolute, without '.' or '..' segments.", path);
}
