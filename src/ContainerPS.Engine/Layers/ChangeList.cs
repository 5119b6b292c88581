namespace ContainerPS.Engine.Layers;

/// <summary>
/// A container's changes against its image (docker diff), from the same walk of the upper directory that the layer
/// writer uses: a path in the upper directory is Changed if the image's layers have it and Added if not; a whiteout
/// is Deleted (a deleted directory stands for its subtree, as in docker's output). An opaque directory that the image
/// has was deleted and made again: it is Deleted, standing for the image's subtree it hides, and its children in the
/// upper directory follow as Added (or Changed where the image has the path), as docker and podman list it
/// (containers/storage and moby pkg/archive changes.go, overlayDeletedFile); an opaque directory new to the image is
/// just Added.
/// </summary>
public static class ChangeList
{
    public static IReadOnlyList<ContainerChange> Compute(string upperDirectory, LowerLayers lowers) =>
        Compute(new UpperDirectoryWalker(upperDirectory).Walk(), upperDirectory, lowers);

    public static IReadOnlyList<ContainerChange> Compute(IEnumerable<LayerEntry> entries, string upperDirectory, LowerLayers lowers)
    {
        var changes = new List<ContainerChange>();
        var directories = new HashSet<string>(StringComparer.Ordinal);
        foreach (LayerEntry entry in entries)
        {
            if (entry.Kind == LayerEntryKind.Directory) directories.Add("/" + entry.Path);
            switch (entry.Kind)
            {
                case LayerEntryKind.Whiteout:
                    string deleted = Parent(entry.Path) + Leaf(entry.Path)[".wh.".Length..];
                    changes.Add(new("/" + deleted, ChangeKind.Deleted));
                    break;
                case LayerEntryKind.OpaqueMarker:
                    // The marker follows its directory (UpperDirectoryWalker), whose change is therefore the last one.
                    if (changes.Count > 0 && changes[^1] is { Kind: ChangeKind.Changed } opaque && opaque.Path == "/" + entry.Path[..^"/.wh..wh..opq".Length])
                    {
                        changes[^1] = opaque with { Kind = ChangeKind.Deleted };
                    }

                    break;
                default:
                    changes.Add(new("/" + entry.Path, lowers.Exists(entry.Path) ? ChangeKind.Changed : ChangeKind.Added));
                    break;
            }
        }

        return changes.Where((change, i) => !HoldsOnlyEngineFiles(change, i + 1 < changes.Count ? changes[i + 1] : null, directories, upperDirectory)).ToList();
    }

    /// <summary>
    /// A directory overlay copied up only because the engine mounted its files over it (/etc for /etc/hosts): changed
    /// in upper, with children there but none in the walk (<see cref="UpperDirectoryWalker.EngineManagedFiles"/>).
    /// docker never shows it, since its mount points live in a layer of their own. The walk is depth first, so a
    /// directory's first change below it, if any, is the next one.
    /// </summary>
    private static bool HoldsOnlyEngineFiles(ContainerChange change, ContainerChange? next, HashSet<string> directories, string upperDirectory) =>
        change.Kind == ChangeKind.Changed
        && directories.Contains(change.Path)
        && next?.Path.StartsWith(change.Path + "/", StringComparison.Ordinal) != true
        && Directory.EnumerateFileSystemEntries(upperDirectory + change.Path).Any();

    private static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..(slash + 1)];
    }

    private static string Leaf(string path) => path[(path.LastIndexOf('/') + 1)..];
}
