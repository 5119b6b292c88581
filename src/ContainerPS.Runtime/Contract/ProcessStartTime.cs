namespace ContainerPS.Runtime.Contract;

/// <summary>
/// Field 22 of <c>/proc/&lt;pid&gt;/stat</c> (starttime, clock ticks after boot; proc(5)). A pid plus its start time
/// names one process for good: when the pid is recycled the start time differs. The supervisor records both for the
/// container's init and for itself in state.json; the engine checks them the same way before it trusts "running".
/// </summary>
public static class ProcessStartTime
{
    public static ulong? Read(int pid)
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
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && ulong.TryParse(fields[19], out var ticks) ? ticks : null;
    }

    /// <summary>True while the process that had <paramref name="startTime"/> still holds <paramref name="pid"/>.</summary>
    public static bool IsAlive(int pid, ulong startTime) => pid > 0 && Read(pid) is { } now && (startTime == 0 || now == startTime);
}

