namespace ContainerPS.Shim.Child;

/// <summary>Paths inside the container, used after pivot_root, where they resolve inside its root.</summary>
internal static class ContainerPath
{
    /// <summary>
    /// An absolute container path in its plain spelling. ".." components are refused: a destination in config.json
    /// must not climb by its spelling (symlinks in the image resolve inside the root anyway: RootfsSteps).
    /// </summary>
    public static string Normalize(string containerPath)
    {
        if (!containerPath.StartsWith('/')) throw new ShimException(ExitCodes.Failure, $"container path '{containerPath}' is not absolute");
        return "/" + string.Join('/', Components(containerPath));
    }

    /// <summary>The path's components, "." and empty ones dropped; ".." refused.</summary>
    public static List<string> Components(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..") throw new ShimException(ExitCodes.Failure, $"path '{path}' contains '..'");
            parts.Add(part);
        }
        return parts;
    }
}
