using System.Text;
using ContainerPS.Engine.Native;

namespace ContainerPS.Engine.Layers;

/// <summary>
/// The extended attributes of a node itself (llistxattr/lgetxattr never follow a symlink), sorted by name so the tar
/// is the same on every run. overlayfs's own state (trusted.overlay.*, user.overlay.* when rootless) is not content:
/// it is left out, as the unpacker refuses it from images.
/// </summary>
internal static unsafe class XattrReader
{
    public static IReadOnlyList<KeyValuePair<string, byte[]>> Read(string path)
    {
        byte[] p = Utf8Path.ToArray(path);
        nint size;
        fixed (byte* pp = p) size = LibCExtra.llistxattr(pp, null, 0);
        if (size <= 0)
        {
            return [];
        }

        byte[] list = new byte[size];
        fixed (byte* pp = p)
        fixed (byte* l = list) size = LibCExtra.llistxattr(pp, l, (nuint)list.Length);
        if (size <= 0)
        {
            return [];
        }

        var result = new List<KeyValuePair<string, byte[]>>();
        foreach (string name in Encoding.UTF8.GetString(list, 0, (int)size).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name.StartsWith("trusted.overlay.", StringComparison.Ordinal) || name.StartsWith("user.overlay.", StringComparison.Ordinal))
            {
                continue;
            }

            byte[]? value = FileStatus.GetXattr(path, name);
            if (value is not null)
            {
                result.Add(new(name, value));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }
}
