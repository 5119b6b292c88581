namespace ContainerPS.Engine.Runtime;

/// <summary>
/// The host's CPU counters from /proc/stat (proc(5)): the total time of all CPUs, which docker calls
/// system_cpu_usage, and the number of online CPUs (the "cpuN" lines).
/// </summary>
internal static class SystemCpu
{
    /// <summary>USER_HZ: /proc/stat counts in 1/100 s on every Linux architecture ContainerPS supports.</summary>
    private const ulong NanosecondsPerTick = 10_000_000;

    public static (ulong TotalNanoseconds, int OnlineCpus) Read()
    {
        ulong total = 0;
        var cpus = 0;
        foreach (var line in File.ReadLines("/proc/stat"))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal)) break; // the cpu lines come first
            if (line.StartsWith("cpu ", StringComparison.Ordinal))
                total = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(7).Aggregate(0UL, (sum, field) => sum + ulong.Parse(field));
            else cpus++;
        }

        return (total * NanosecondsPerTick, Math.Max(1, cpus));
    }

    /// <summary>MemTotal of /proc/meminfo in bytes: the "limit" docker shows for a container without one.</summary>
    public static ulong MemoryTotal()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
