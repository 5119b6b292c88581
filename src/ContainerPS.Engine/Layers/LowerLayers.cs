using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Layers;

/// <summary>
/// The merged view of an image's unpacked layers (overlay format: whiteouts are 0/0 char devices, opaque directories
/// carry trusted.overlay.opaque), answered the way overlayfs would merge them, without mounting anything.
/// </summary>
public sealed class LowerLayers(IReadOnlyList<string> lowerDirsTopFirst)
{
    private const int S_IFMT = 0xF000;
    private const int S_IFDIR = 0x4000;
    private const int S_IFCHR = 0x2000;

    /// <summary>Whether <paramref name="relative"/> (no leading "/") is visible in the merged lower layers.</summary>
    public bool Exists(string relative)
    {
        string[] parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (string lower in lowerDirsTopFirst)
        {
            switch (Lookup(lower, parts))
            {
                case Found.Yes: return true;
                case Found.Hidden: return false;
            }
        }

        return false;
    }

    /// <summary>The names visible in the merged lower layers' directory <paramref name="relative"/>.</summary>
    public SortedSet<string> Children(string relative)
    {
        var visible = new SortedSet<string>(StringComparer.Ordinal);
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        string[] parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (string lower in lowerDirsTopFirst)
        {
            Found found = Lookup(lower, parts);
            if (found == Found.Hidden) break;
            if (found == Found.No) continue;
            string dir = Path.Combine([lower, .. parts]);
            if (!FileStatus.TryGet(dir, out stat st) || ((int)st.st_mode & S_IFMT) != S_IFDIR) break;
            foreach (string path in Directory.EnumerateFileSystemEntries(dir))
            {
                string name = Path.GetFileName(path);
                if (hidden.Contains(name) || visible.Contains(name)) continue;
                if (IsWhiteout(path)) hidden.Add(name);
                else visible.Add(name);
            }

            if (IsOpaque(dir)) break;
        }

        return visible;
    }

    private enum Found
    {
        No,
        Yes,
        Hidden,
    }

    // One layer's answer: the path is there, or a whiteout, an opaque ancestor or a non-directory ancestor in this
    // layer hides it from the layers below, or this layer says nothing about it.
    private static Found Lookup(string lower, string[] parts)
    {
        string current = lower;
        for (int i = 0; i < parts.Length; i++)
        {
            current = current + "/" + parts[i];
            if (!FileStatus.TryGet(current, out stat st))
            {
                return i > 0 && IsOpaque(Path.GetDirectoryName(current)!) ? Found.Hidden : Found.No;
            }

            int type = (int)st.st_mode & S_IFMT;
            if (type == S_IFCHR && st.st_rdev == 0) return Found.Hidden;
            if (i == parts.Length - 1) return Found.Yes;
            if (type != S_IFDIR) return Found.Hidden;
        }

        return Found.Yes; // the root
    }

    private static bool IsWhiteout(string path) =>
        FileStatus.TryGet(path, out stat st) && ((int)st.st_mode & S_IFMT) == S_IFCHR && st.st_rdev == 0;

    private static bool IsOpaque(string dir) => LayerEntries.IsOpaque(dir);
}
