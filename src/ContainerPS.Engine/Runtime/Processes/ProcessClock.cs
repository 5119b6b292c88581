using System.Globalization;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime.Processes;

/// <summary>Turns /proc clock ticks into times: sysconf(_SC_CLK_TCK) ticks a second, counted from btime in /proc/stat (proc(5)).</summary>
internal sealed class ProcessClock
{
    private const int ScClockTick = 2; // _SC_CLK_TCK in glibc's bits/confname.h

    private readonly double _ticksPerSecond;
    private readonly DateTime _boot;

    public ProcessClock()
    {
        long ticks = LibC.sysconf(ScClockTick);
        _ticksPerSecond = ticks > 0 ? ticks : 100;
        var btime = File.ReadLines("/proc/stat").First(l => l.StartsWith("btime ", StringComparison.Ordinal));
        _boot = DateTime.UnixEpoch.AddSeconds(long.Parse(btime[6..], CultureInfo.InvariantCulture));
    }

    public TimeSpan Duration(ulong ticks) => TimeSpan.FromSeconds(ticks / _ticksPerSecond);

    public DateTime Since(ulong ticks) => _boot.AddSeconds(ticks / _ticksPerSecond).ToLocalTime();
}
