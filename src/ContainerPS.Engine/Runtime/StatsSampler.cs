using ContainerPS.Runtime.Cgroups;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Samples running containers' cgroups (ContainerPS.Runtime.Cgroups, v1 or v2) every interval and yields one batch
/// of stats per round, each computed against the previous round, as docker stats does. A container that exits
/// drops out of the following rounds.
/// </summary>
internal sealed class StatsSampler(IReadOnlyList<ContainerInfo> containers)
{
    private readonly CgroupHost _host = CgroupHost.Detect();
    private readonly ulong _hostMemory = SystemCpu.MemoryTotal();

    public IEnumerable<IReadOnlyList<ContainerStatsInfo>> Run(TimeSpan interval, int? maxRounds, CancellationToken ct)
    {
        var previous = Sample(containers);
        for (var round = 0; maxRounds is null || round < maxRounds; round++)
        {
            if (previous.Count == 0) yield break;
            ct.WaitHandle.WaitOne(interval);
            ct.ThrowIfCancellationRequested();
            var current = Sample(previous.Keys);
            yield return current.Select(p => StatsCalculator.Compute(p.Key, previous[p.Key], p.Value, _hostMemory)).ToList();
            previous = current;
        }
    }

    private Dictionary<ContainerInfo, StatsSample> Sample(IEnumerable<ContainerInfo> targets)
    {
        var samples = new Dictionary<ContainerInfo, StatsSample>();
        foreach (var container in targets)
        {
            if (TrySample(container) is { } sample) samples[container] = sample;
        }

        return samples;
    }

    private StatsSample? TrySample(ContainerInfo container)
    {
        try
        {
            var cgroup = _host.Open($"/containerps/{container.Id}").ReadStats();
            var (system, cpus) = SystemCpu.Read();
            var (rx, tx) = container.Network == Networking.NetworkNames.Host || container.Pid is not { } pid ? (0UL, 0UL) : NetworkCounters.Read(pid);
            return new StatsSample(cgroup, system, cpus, rx, tx);
        }
        catch (CgroupException e) when (e.ErrorId == CgroupErrorIds.NotFound)
        {
            return null; // exited: the supervisor removed its cgroup
        }
    }
}
