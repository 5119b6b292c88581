using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Layers;

/// <summary>
/// Walks the merged view of overlay layers (a container's upper directory over its image's layers, top first) as
/// overlayfs would show it (Documentation/filesystems/overlayfs.rst, "Directories", "whiteouts and opaque
/// directories"), without mounting: a name comes from the topmost layer that has it, a whiteout hides it from the
/// layers below, an opaque directory or a non-directory ends the merge below it. Entries come in the
/// <see cref="UpperDirectoryWalker"/> order, with no whiteouts: what docker export writes.
/// </summary>
public sealed class MergedTreeWalker(IReadOnlyList<string> layersTopFirst)
{
    private readonly InodeLinks _links = new();

    public IEnumerable<LayerEntry> Walk()
    {
        _links.Clear();
        return WalkDirectory("", layersTopFirst.Select(Path.GetFullPath).ToList());
    }

    /// <param name="directories">This directory in each layer that contributes to it, top first.</param>
    private IEnumerable<LayerEntry> WalkDirectory(string relativeDir, List<string> directories)
    {
        foreach ((string name, int layer) in VisibleNames(directories))
        {
            string relative = relativeDir.Length == 0 ? name : relativeDir + "/" + name;
            string source = directories[layer] + "/" + name;
            if (!FileStatus.TryGet(source, out stat st)) continue; // gone since readdir
            int type = (int)st.st_mode & LayerEntries.S_IFMT;
            if (type == LayerEntries.S_IFSOCK) continue; // no tar form
            if (type != LayerEntries.S_IFDIR)
            {
                yield return _links.FirstPathOf(st, relative) is { } first
                    ? LayerEntries.HardlinkTo(first, relative, st, source)
                    : LayerEntries.Of(relative, st, source);
                continue;
            }

            yield return LayerEntries.Of(relative, st, source);
            foreach (LayerEntry child in WalkDirectory(relative, MergedBelow(directories, layer, name)))
            {
                yield return child;
            }
        }
    }

    /// <summary>Each visible name with the index of the topmost directory holding it, sorted by UTF-8 bytes.</summary>
    private static IEnumerable<(string Name, int Layer)> VisibleNames(List<string> directories)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < directories.Count; i++)
        {
            foreach (string path in Directory.EnumerateFileSystemEntries(directories[i]))
            {
                string name = Path.GetFileName(path);
                if (seen.ContainsKey(name) || hidden.Contains(name)) continue;
                if (FileStatus.TryGet(path, out stat st) && LayerEntries.IsWhiteout(st)) hidden.Add(name);
                else seen[name] = i;
            }
        }

        var order = new List<string>(seen.Keys);
        order.Sort((a, b) => System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b)));
        return order.Select(name => (name, seen[name]));
    }

    /// <summary>
    /// The directory <paramref name="name"/> in the topmost layer that has it and in the layers below that merge into
    /// it: it stops at an opaque directory and at a layer where the name is not a directory (or a whiteout).
    /// </summary>
    private static List<string> MergedBelow(List<string> parents, int topLayer, string name)
    {
        var merged = new List<string>();
        for (int i = topLayer; i < parents.Count; i++)
        {
            string candidate = parents[i] + "/" + name;
            if (!FileStatus.TryGet(candidate, out stat st)) continue;
            if (((int)st.st_mode & LayerEntries.S_IFMT) != LayerEntries.S_IFDIR) break;
            merged.Add(candidate);
            if (LayerEntries.IsOpaque(candidate)) break;
        }

        return merged;
    }
}
