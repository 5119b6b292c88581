using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.State;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Events;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `events [--stats] [--interval D] ID` (runc-events(8)): with --stats one stats event; otherwise a stats event every
/// interval and an oom event whenever the cgroup's OOM kill count rises (v1 memory.oom_control, v2 memory.events
/// oom_kill), until the container stops (exit 0). The OOM count is looked at every 100 ms, so an oom event does
/// not wait for the next stats event.
/// </summary>
internal static class EventsCommand
{
    private static readonly TimeSpan OomCheck = TimeSpan.FromMilliseconds(100);

    public static int Run(CommandLine line)
    {
        var directory = new StateDirectory(line.Root, line.Id);
        if (LiveState.Read(directory).Status == ContainerStatus.Stopped) throw ShimException.NotRunning(directory.Id);
        var cgroup = PauseCommand.OpenCgroup(directory);
        using var stdout = Console.OpenStandardOutput();
        if (line.Stats)
        {
            EventJson.WriteStats(stdout, directory.Id, Sample(cgroup));
            return ExitCodes.Success;
        }
        Stream(directory, cgroup, stdout, line.Interval);
        return ExitCodes.Success;
    }

    private static void Stream(StateDirectory directory, Cgroup cgroup, Stream stdout, TimeSpan interval)
    {
        ulong ooms = cgroup.OomKillCount();
        var nextStats = DateTime.UtcNow;
        while (Running(directory))
        {
            if (cgroup.OomKillCount() is var now && now > ooms)
            {
                ooms = now;
                EventJson.WriteOom(stdout, directory.Id);
            }
            if (DateTime.UtcNow >= nextStats)
            {
                // The end can come between the look and the sample: a cgroup gone then is the end, not an error.
                if (TrySample(cgroup) is not { } stats) return;
                EventJson.WriteStats(stdout, directory.Id, stats);
                nextStats = DateTime.UtcNow + interval;
            }
            Thread.Sleep(interval < OomCheck ? interval : OomCheck);
        }
    }

    private static bool Running(StateDirectory directory)
    {
        try { return LiveState.Read(directory).Status != ContainerStatus.Stopped; }
        catch (ShimException e) when (e.ExitCode == ExitCodes.NotFound) { return false; } // deleted meanwhile
    }

    private static CgroupStats? TrySample(Cgroup cgroup)
    {
        try { return cgroup.ReadStats(); }
        catch (CgroupException) { return null; }
    }

    private static CgroupStats Sample(Cgroup cgroup)
    {
        try { return cgroup.ReadStats(); }
        catch (CgroupException e) { throw new ShimException(ExitCodes.Failure, $"events: {e.Message}"); }
    }
}
