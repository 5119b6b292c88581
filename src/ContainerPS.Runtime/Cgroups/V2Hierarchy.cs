namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// cgroup v2: one unified tree. A controller works in a cgroup only when every ancestor enables it in
/// cgroup.subtree_control (cgroup-v2.rst, "Enabling and Disabling"), so creation enables them from the root down.
/// </summary>
internal static class V2Hierarchy
{
    public static CgroupDirectories Resolve(CgroupLayout layout, IReadOnlyList<string> segments) =>
        CgroupDirectories.ForV2(CgroupPath.Under(layout.UnifiedRoot!, segments));

    public static CgroupDirectories Create(CgroupLayout layout, IReadOnlyList<string> segments, Action<string>? created)
    {
        CgroupTree.MakeLeaf(layout.UnifiedRoot!, segments, EnableControllers, created);
        return Resolve(layout, segments);
    }

    /// <summary>
    /// Writes "+cpu +memory +pids +io" to the directory's cgroup.subtree_control, limited to the controllers it has
    /// (cgroup.controllers) and does not already enable: enabling one the parent lacks fails with ENOENT.
    /// </summary>
    private static void EnableControllers(string directory)
    {
        var available = CgroupFileParser.ParseWords(CgroupFiles.Read(Path.Combine(directory, "cgroup.controllers")));
        string subtreeControl = Path.Combine(directory, "cgroup.subtree_control");
        var enabled = CgroupFileParser.ParseWords(CgroupFiles.Read(subtreeControl));
        var wanted = CgroupLayout.V2Controllers.Where(c => available.Contains(c) && !enabled.Contains(c)).ToList();
        if (wanted.Count > 0)
        {
            CgroupFiles.Write(subtreeControl, string.Join(' ', wanted.Select(c => "+" + c)));
        }
    }

    /// <summary>The controllers enabled in the cgroup itself (its cgroup.controllers).</summary>
    public static HashSet<string> Controllers(string directory) =>
        CgroupFileParser.ParseWords(CgroupFiles.TryRead(Path.Combine(directory, "cgroup.controllers")) ?? "");
}
