using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime;

/// <summary>Whether an open log is still the file at its path: the supervisor's rotation renames it and makes a new one.</summary>
internal static unsafe class LogFileIdentity
{
    public static bool Moved(FileStream open, string path)
    {
        stat current;
        if (!FileStatus.TryGet(path, out var atPath)) return true; // rotated and the new file not made yet
        if (LibC.fstat((int)open.SafeFileHandle.DangerousGetHandle(), &current) != 0) return false;
        return current.st_ino != atPath.st_ino || current.st_dev != atPath.st_dev;
    }
}
