namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Cleans a tar entry name into a path relative to the layer root: no leading "/" or "./", no empty or "." segments,
/// ".." folded. A ".." that would climb above the root is refused (<c>LayerPathEscapesRoot</c>) rather than clamped,
/// because no honest layer contains one. The empty result names the root itself.
/// </summary>
internal static class LayerPath
{
    public static ReadOnlySpan<char> Clean(string name)
    {
        if (name.Contains('\0'))
        {
            throw UnpackErrors.InvalidLayer($"The layer entry path '{name}' contains a NUL character.", name);
        }

        ReadOnlySpan<char> path = TrimSlashesAndDots(name);
        return IsClean(path) ? path : Fold(name);
    }

    /// <summary>Splits a clean path at its last "/": the parent ("" for the root) and the last segment.</summary>
    /// <summary>
    /// A symlink target as a path relative to the layer root, resolved lexically the way RESOLVE_IN_ROOT does:
    /// absolute targets start at the root, relative ones at the link's directory, and ".." stops at the root.
    /// </summary>
    public static string CleanInRoot(string target, ReadOnlySpan<char> linkDirectory)
    {
        var parts = new List<string>();
        var start = target.StartsWith('/') ? target : $"{linkDirectory}/{target}";
        foreach (var part in start.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    public static void Split(ReadOnlySpan<char> path, out ReadOnlySpan<char> parent, out ReadOnlySpan<char> leaf)
    {
        int slash = path.LastIndexOf('/');
        parent = slash < 0 ? [] : path[..slash];
        leaf = path[(slash + 1)..];
    }

    // The common shapes "./usr/bin/" and "/usr/bin" become "usr/bin" without allocating.
    private static ReadOnlySpan<char> TrimSlashesAndDots(ReadOnlySpan<char> path)
    {
        while (true)
        {
            if (path.StartsWith("./"))
            {
                path = path[2..];
            }
            else if (path.StartsWith('/'))
            {
                path = path[1..];
            }
            else
            {
                break;
            }
        }

        path = path.TrimEnd('/');
        return path is "." ? [] : path;
    }

    private static bool IsClean(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty)
        {
            return true;
        }

        foreach (Range range in path.Split('/'))
        {
            ReadOnlySpan<char> segment = path[range];
            if (segment is "" or "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    private static string Fold(string name)
    {
        var segments = new List<string>();
        foreach (string segment in name.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment is "..")
            {
                if (segments.Count == 0)
                {
                    throw UnpackErrors.PathEscapesRoot(name);
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return string.Join('/', segments);
    }
}
