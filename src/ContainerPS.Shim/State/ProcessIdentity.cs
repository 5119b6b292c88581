using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.State;

/// <summary>
/// A process named by pid and start time (field 22 of /proc/&lt;pid&gt;/stat, clock ticks since boot), so a pid the
/// kernel has recycled for another process is never signalled (hardening.md, principle 8).
/// </summary>
internal static class ProcessIdentity
{
    public static ulong? StartTime(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException) { return null; }
        // The command name (field 2) is in parentheses and may hold spaces or ')'; fields after it are plain.
        int end = text.LastIndexOf(')');
        if (end < 0) return null;
        var fields = text[(end + 2)..].Split(' ');
        // fields[0] is field 3 (state), so field 22 is fields[19].
        return fields.Length > 19 && ulong.TryParse(fields[19], out ulong start) ? start : null;
    }

    /// <summary>
    /// A pidfd for the process if it is still the one that started at <paramref name="startTime"/>; null if it has
    /// exited. The start time is read after pidfd_open, so the fd cannot refer to a newer process with that pid.
    /// </summary>
    public static int? OpenPidfd(int pid, ulong startTime)
    {
        if (pid <= 0) return null;
        int pidfd = Sys.PidfdOpen(pid, 0);
        if (pidfd < 0) return null;
        if (StartTime(pid) == startTime) return pidfd;
        Sys.Close(pidfd);
        return null;
    }

    public static bool IsAlive(int pid, ulong startTime)
    {
        if (OpenPidfd(pid, startTime) is not int pidfd) return false;
        Sys.Close(pidfd);
        return true;
    }
}
