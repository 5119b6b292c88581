namespace ContainerPS.Engine.Layers;

/// <summary>
/// A container's changes against its image (docker diff), from the same walk of the upper directory that the layer
/// writer uses: a path in the upper directory is Changed if the image's layers have it and Added if not; a whiteout
/// is Deleted; an opaque directory replaces its lower contents, so the lower children it does not bring back are
/// Deleted (each once: a deleted directory stands for its subtree, as in docker's output).
/// </summary>
public static class ChangeList
{
    public static IReadOnlyList<ContainerChange> Compute(string upperDirectory, LowerLayers lowers) =>
        Compute(new UpperDirectoryWalker(upperDirectory).Walk(), upperDirectory, lowers);

    public static IReadOnlyList<ContainerChange> Compute(IEnumerable<LayerEntry> entries, string upperDirectory, LowerLayers lowers)
    {
        var changes = new List<ContainerChange>();
        foreach (LayerEntry entry in entries)
        {
            switch (entry.Kind)
            {
                case LayerEntryKind.Whiteout:
                    string deleted = Parent(entry.Path) + Leaf(entry.Path)[".wh.".Length..];
                    changes.Add(new("/" + deleted, ChangeKind.Deleted));
                    break;
                case LayerEntryKind.OpaqueMarker:
                    string dir = entry.Path[..^"/.wh..wh..opq".Length];
                    foreach (string name in lowers.Children(dir))
                    {
                        if (!Native.FileStatus.TryGet(Path.Combine(upperDirectory, dir, name), out _)) // lstat: a symlink is not followed
                        {
                            changes.Add(new("/" + dir + "/" + name, ChangeKind.Deleted));
                        }
                    }

                    break;
                default:
                    changes.Add(new("/" + entry.Path, lowers.Exists(entry.Path) ? ChangeKind.Changed : ChangeKind.Added));
                    break;
            }
        }

        return changes;
    }

    private static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..(slash + 1)];
    }

    private static string Leaf(string path) => path[(path.LastIndexOf('/') + 1)..];
}
