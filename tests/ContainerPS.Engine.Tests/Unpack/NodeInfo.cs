using System.Text;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Tests.Unpack;

/// <summary>What lstat(2) says about one path, and its xattrs: the ground truth the unpack tests assert on.</summary>
internal sealed record NodeInfo(uint Type, int Mode, uint Uid, uint Gid, ulong Inode, ulong Links, ulong Device, long MtimeSeconds, long MtimeNanoseconds)
{
    public static readonly uint Regular = (ushort)LibC.S_IFREG;
    public static readonly uint Directory = (ushort)LibC.S_IFDIR;
    public static readonly uint Symlink = (ushort)LibC.S_IFLNK;
    public static readonly uint CharacterDevice = (ushort)LibC.S_IFCHR;
    public static readonly uint BlockDevice = (ushort)LibC.S_IFBLK;
    public static readonly uint Fifo = (ushort)LibC.S_IFIFO;

    public uint Major => DeviceNumber.Major(Device);

    public uint Minor => DeviceNumber.Minor(Device);

    public static NodeInfo? Of(string path)
    {
        if (!FileStatus.TryGet(path, out stat st))
        {
            return null;
        }

        uint mode = (ushort)st.st_mode;
        return new NodeInfo(mode & 0xF000, (int)(mode & 0xFFF), st.st_uid, st.st_gid, (ulong)st.st_ino, (ulong)st.st_nlink,
            st.st_rdev, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    }

    public static NodeInfo Require(string path) => Of(path) ?? throw new Xunit.Sdk.XunitException($"'{path}' does not exist.");

    public static byte[]? Xattr(string path, string name) => FileStatus.GetXattr(path, name);

    public static string? XattrText(string path, string name) => Xattr(path, name) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    public static string LinkTarget(string path) => new FileInfo(path).LinkTarget ?? throw new Xunit.Sdk.XunitException($"'{path}' is not a symlink.");
}
