using ContainerPS.Runtime.Contract;
using System.Text;
using ContainerPS.Engine.Native;
using ContainerPS.Runtime.State;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>
/// The root of a running container as its own mount namespace sees it, volumes included: <c>/proc/&lt;init&gt;/root</c>
/// (proc(5)). The pid comes from state.json; /proc/&lt;pid&gt; is opened first and its start time checked through that
/// fd, so a pid that was recycled since is never used: the directory fd stays bound to the process it was opened for,
/// and "root" below it fails once that process is gone.
/// </summary>
internal static unsafe class RunningRootOpener
{
    /// <summary>The root fd; null when the init is gone or is not the process state.json recorded.</summary>
    public static FileDescriptor? TryOpen(ContainerState state)
    {
        if (state.Pid <= 0) return null;
        int process = OpenAt(LibC.AT_FDCWD, $"/proc/{state.Pid}", LibC.O_PATH | LibC.O_DIRECTORY);
        if (process < 0) return null;
        try
        {
            if (state.PidStartTime != 0 && StartTime(process) != state.PidStartTime) return null;
            int root = OpenAt(process, "root", LibC.O_RDONLY | LibC.O_DIRECTORY);
            return root < 0 ? null : new FileDescriptor(root);
        }
        finally
        {
            LibC.close(process);
        }
    }

    /// <summary>Field 22 of the stat file below the open /proc/&lt;pid&gt; directory (as <see cref="ProcessStartTime"/> reads it by path).</summary>
    private static ulong? StartTime(int process)
    {
        int fd = OpenAt(process, "stat", LibC.O_RDONLY);
        if (fd < 0) return null;
        try
        {
            byte* buffer = stackalloc byte[4096];
            long length = LibC.read(fd, buffer, 4095);
            if (length <= 0) return null;
            string stat = Encoding.ASCII.GetString(buffer, (int)length);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 && ulong.TryParse(fields[19], out var ticks) ? ticks : null;
        }
        finally
        {
            LibC.close(fd);
        }
    }

    private static int OpenAt(int directory, string path, int flags)
    {
        fixed (byte* p = Utf8Path.ToArray(path))
        {
            return LibC.openat(directory, p, flags | LibC.O_CLOEXEC, 0);
        }
    }
}
