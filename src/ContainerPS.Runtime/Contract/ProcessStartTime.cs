namespace ContainerPS.Runtime.Contract;

/// <summary>
/// Field 22 of <c>/proc/&lt;pid&gt;/stat</c> (starttime, clock ticks after boot; proc(5)). A pid plus its start time
/// names one process for good: when the pid is recycled the start time differs. The supervisor records both for the
/// container's init and for itself in state.json; the engine checks them the same way before it trusts "running".
/// </summary>
public static class ProcessStartTime
{
    public static ulong? Read(int pid) => ReadStat(pid) is { } stat ? stat.StartTime : null;

    /// <summary>
    /// True while the process that had <paramref name="startTime"/> still holds <paramref name="pid"/> and has not
    /// exited: a zombie (state Z or X, proc(5)) has ended even though its parent has not reaped it yet, which is the
    /// common case for an init whose caller reaps it (runc's way: docs/runtime-contract.md).
    /// </summary>
    public static bool IsAlive(int pid, ulong startTime) =>
        pid > 0 && ReadStat(pid) is { } stat && stat.State is not ('Z' or 'X') && (startTime == 0 || stat.StartTime == startTime);

    private static (char State, ulong StartTime)? ReadStat(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces or ')': count fields after the last ')'.
        // fields[0] is field 3 (state), so field 22 is fields[19].
        int end = stat.LastIndexOf(')');
        if (end < 0 || end + 2 >= stat.Length) return null;
        var fields = stat[(end + 2)..].Split(' ');
        return fields.Length > 19 && fields[0].Length == 1 && ulong.TryParse(fields[19], out var ticks) ? (fields[0][0], ticks) : null;
    }
}

