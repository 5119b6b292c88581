using ContainerPS.Runtime.Contract;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.State;

/// <summary>
/// A process named by pid and start time (field 22 of /proc/&lt;pid&gt;/stat, clock ticks since boot), so a pid the
/// kernel has recycled for another process is never signalled (hardening.md, principle 8).
/// </summary>
internal static class ProcessIdentity
{
    public static ulong? StartTime(int pid) => ProcessStartTime.Read(pid);

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

    /// <summary>Alive and not a zombie (the contract's rule: ProcessStartTime).</summary>
    public static bool IsAlive(int pid, ulong startTime) => ProcessStartTime.IsAlive(pid, startTime);
}
