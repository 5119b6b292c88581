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

    private static bool IsOpaque(string dir) => LayerEntries.IsOpaque(dir);
}
