using System.Globalization;

namespace ContainerPS.Engine.Runtime.Processes;

/// <summary>The fields of /proc/&lt;pid&gt;/stat that docker top shows (proc(5): 2 comm, 3 state, 4 ppid, 14 utime, 15 stime, 22 starttime, 24 rss).</summary>
internal sealed record ProcStat(string Name, char State, int ParentPid, ulong CpuTicks, ulong StartTicks, long ResidentPages)
{
    public static ProcStat Parse(string text)
    {
        // comm (field 2) is in parentheses and may hold spaces or ')': fields are counted after the last ')'.
        int open = text.IndexOf('(');
        int close = text.LastIndexOf(')');
        string name = text[(open + 1)..close];
        var f = text[(close + 2)..].Split(' '); // f[0] is field 3
        return new ProcStat(
            name,
            f[0][0],
            int.Parse(f[1], CultureInfo.InvariantCulture),
            ulong.Parse(f[11], CultureInfo.InvariantCulture) + ulong.Parse(f[12], CultureInfo.InvariantCulture),
            ulong.Parse(f[19], CultureInfo.InvariantCulture),
            long.Parse(f[21], CultureInfo.InvariantCulture));
    }

    /// <summary>The state letter as a word (proc(5), field 3).</summary>
    public string StateName => State switch
    {
        'R' => "Running",
        'S' => "Sleeping",
        'D' => "DiskSleep",
        'Z' => "Zombie",
        'T' => "Stopped",
        't' => "TracingStop",
        'X' or 'x' => "Dead",
        'I' => "Idle",
        'P' => "Parked",
        'W' => "Waking",
        'K' => "WakeKill",
        _ => State.ToString(),
    };
}
