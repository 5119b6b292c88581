namespace ContainerPS.Shim.Child;

/// <summary>Paths inside the container, joined to the rootfs before pivot_root.</summary>
internal static class ContainerPath
{
    /// <summary>
    /// The host path of an absolute container path. ".." components are refused: a destination in config.json must
    /// not climb out of the rootfs by its spelling.
    /// </summary>
    public static string InRootfs(string rootfs, string containerPath)
    {
        if (!containerPath.StartsWith('/')) throw new ShimException(ExitCodes.Failure, $"mount destination '{containerPath}' is not absolute");
        var parts = Components(containerPath);
        return parts.Count == 0 ? rootfs : rootfs + "/" + string.Join('/', parts);
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
