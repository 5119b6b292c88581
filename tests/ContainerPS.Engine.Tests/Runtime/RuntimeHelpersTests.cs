using ContainerPS.Runtime.Contract;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime;
using ContainerPS.Runtime.Cgroups;

namespace ContainerPS.Engine.Tests.Runtime;

public sealed class RuntimeHelpersTests
{
    [Theory]
    [InlineData("term", "SIGTERM")]
    [InlineData("SIGKILL", "SIGKILL")]
    [InlineData("15", "SIGTERM")]
    [InlineData("Int", "SIGINT")]
    [InlineData("40", "40")]
    public void Signals_are_normalised_to_names(string signal, string expected) => Assert.Equal(expected, Signals.Normalize(signal));

    [Theory]
    [InlineData("SIGNOPE")]
    [InlineData("0")]
    [InlineData("65")]
    public void An_unknown_signal_is_refused(string signal)
    {
        Assert.Equal("InvalidSignal", Assert.Throws<ContainerPSException>(() => Signals.Normalize(signal)).ErrorId);
    }

    [Fact]
    public void This_process_has_a_start_time_and_is_alive_under_it_but_not_under_another()
    {
        var start = ProcessStartTime.Read(Environment.ProcessId);

        Assert.NotNull(start);
        Assert.True(ProcessStartTime.IsAlive(Environment.ProcessId, start!.Value));
        Assert.False(ProcessStartTime.IsAlive(Environment.ProcessId, start.Value + 1));
    }

    [Fact]
    public void Cpu_percent_is_docker_s_formula_half_a_core_of_two_over_one_second_is_50()
    {
        // One second on a two-CPU host: the host's total CPU time grows by 2 s; the container used 0.5 s.
        var before = Sample(cpu: 1_000_000_000, system: 10_000_000_000);
        var after = Sample(cpu: 1_500_000_000, system: 12_000_000_000);

        Assert.Equal(50.0, StatsCalculator.CpuPercent(before, after), precision: 6);
        Assert.Equal(0.0, StatsCalculator.CpuPercent(after, after));
    }

    [Fact]
    public void Memory_usage_leaves_out_inactive_file_cache_and_an_unlimited_container_shows_the_host_s_memory()
    {
        var container = new ContainerInfo
        {
            Id = "id", Name = "n", Image = "i", ImageId = "sha256:x", Command = [], Status = ContainerStatusKind.Running,
            CreatedAt = DateTimeOffset.UtcNow, Hostname = "h", Limits = new ContainerLimits(), Labels = new Dictionary<string, string>(),
            AutoRemove = false, StopSignal = "SIGTERM", StopTimeout = 10, Network = "none",
        };

        var stats = StatsCalculator.Compute(container, Sample(0, 0), Sample(0, 0, usage: 300, inactive: 100), hostMemory: 1000);

        Assert.Equal(200UL, stats.MemoryUsage);
        Assert.Equal(1000UL, stats.MemoryLimit);
        Assert.Equal(20.0, stats.MemoryPercent);
    }

    [Fact]
    public void The_host_cpu_counters_parse()
    {
        var (total, cpus) = SystemCpu.Read();

        Assert.True(total > 0);
        Assert.Equal(Environment.ProcessorCount, cpus);
        Assert.True(SystemCpu.MemoryTotal() > 0);
    }

    private static StatsSample Sample(ulong cpu, ulong system, ulong usage = 0, ulong inactive = 0) =>
        new(new CgroupStats(DateTimeOffset.UtcNow, cpu, usage, inactive, null, 1, null, 0, 0), system, 2, 0, 0);
}
