using System.Runtime.InteropServices;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>The libc calls the copier needs that neither Tmds.LibC nor Native/LibCExtra declares (mount(2), umount2(2), fstatfs(2)).</summary>
internal static unsafe partial class CopyNative
{
    private const string LibC = "libc.so.6";

    /// <summary>umount2(2): detach now, free the mount once no fd uses it any more.</summary>
    public const int MNT_DETACH = 2;

    /// <summary>sizeof(struct statfs) is 120 on x86_64 and arm64; the buffer is larger to stay safe elsewhere.</summary>
    public const int StatfsBufferSize = 256;

    [LibraryImport(LibC, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mount(string source, string target, string fileSystemType, nuint flags, string data);

    [LibraryImport(LibC, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int umount2(string target, int flags);

    /// <summary>fstatfs(2); f_type is the first field (a long) of struct statfs.</summary>
    [LibraryImport(LibC, SetLastError = true)]
    public static partial int fstatfs(int fd, byte* buffer);
}
