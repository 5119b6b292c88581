using ContainerPS.Runtime.Cgroups;

namespace ContainerPS.Engine.Runtime;

/// <summary>The raw counters of one container at one moment; two of them make a <see cref="ContainerStatsInfo"/>.</summary>
internal sealed record StatsSample(CgroupStats Cgroup, ulong SystemNanoseconds, int OnlineCpus, ulong NetRx, ulong NetTx);
