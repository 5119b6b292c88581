using Tmds.Linux;

namespace ContainerPS.Engine.Native;

/// <summary>lstat(2) and lgetxattr(2) by path, for callers outside hot loops: never follows a final symlink.</summary>
internal static unsafe class FileStatus
{
    /// <summary>lstat of <paramref name="path"/>; false (and errno set) if it cannot be read.</summary>
    public static bool TryGet(string path, out stat status)
    {
        fixed (byte* p = Utf8Path.ToArray(path))
        fixed (stat* s = &status)
        {
            return LibC.lstat(p, s) == 0;
        }
    }

    /// <summary>The value of xattr <paramref name="name"/> on <paramref name="path"/> itself; null if it has none.</summary>
    public static byte[]? GetXattr(string path, string name)
    {
        fixed (byte* p = Utf8Path.ToArray(path))
        fixed (byte* n = Utf8Path.ToArray(name))
        {
            nint size = LibCExtra.lgetxattr(p, n, null, 0);
            if (size < 0)
            {
                return null;
            }

            byte[] value = new byte[size];
            fixed (byte* v = value)
            {
                size = LibCExtra.lgetxattr(p, n, v, (nuint)value.Length);
            }

            return size < 0 ? null : value[..(int)size];
        }
    }
}
