// TEMP: replaced by the unpack branch's Native/LibCExtra.cs on merge.
using System.Runtime.InteropServices;
namespace ContainerPS.Engine.Native;
internal static partial class LibCExtra
{
    public const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
    [LibraryImport("libc", SetLastError = true)] public static partial int flock(int fd, int operation);
}
