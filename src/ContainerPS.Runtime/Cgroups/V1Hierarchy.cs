namespace ContainerPS.Runtime.Cgroups;

/// <summary>cgroup v1: one directory per controller hierarchy (cgroup-v1/cgroups.rst).</summary>
internal static class V1Hierarchy
{
    public static CgroupDirectories Resolve(CgroupLayout layout, IReadOnlyList<string> segments) =>
        CgroupDirectories.ForV1(layout.ControllerMounts.ToDictionary(
            pair => pair.Key, pair => CgroupPath.Under(pair.Value, segments), StringComparer.Ordinal));

    /// <summary>Creates the cgroup in every hierarchy; if it already exists in one, the ones just made are removed.</summary>
    public static CgroupDirectories Create(CgroupLayout layout, IReadOnlyList<string> segments, Action<string>? created)
    {
        var directories = Resolve(layout, segments);
        var made = new List<string>();
        string? cpusetRoot = layout.ControllerMounts.GetValueOrDefault("cpuset");
        try
        {
            foreach (var hierarchyRoot in layout.ControllerMounts.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var onCreated = hierarchyRoot == cpusetRoot ? directory => { created?.Invoke(directory); V1Cpuset.InheritFromParent(directory); } : created;
                made.Add(CgroupTree.MakeLeaf(hierarchyRoot, segments, beforeDescending: null, onCreated));
            }
        }
        catch (CgroupException)
        {
            made.ForEach(CgroupTree.TryRemove);
            throw;
        }

        return directories;
    }
}
