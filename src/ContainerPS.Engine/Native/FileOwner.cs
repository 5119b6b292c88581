using Tmds.Linux;

namespace ContainerPS.Engine.Native;

/// <summary>lchown(2) by path, for directories and files this process has just made (never on a path another can change).</summary>
internal static unsafe class FileOwner
{
    public static void Set(string path, uint uid, uint gid)
    {
        fixed (byte* p = Utf8Path.ToArray(path))
        {
            Errno.ThrowIfFailed(LibC.lchown(p, uid, gid), "lchown", path);
        }
    }
}
