using ContainerPS.Runtime.Cgroups;
using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>The spec's resources beyond memory/cpu/pids on cgroup v2, by its file layout (FakeV2Kernel).</summary>
public sealed class V2SpecResourcesTests : IDisposable
{
    private readonly FakeV2Kernel _kernel = new();

    public void Dispose() => _kernel.Dispose();

    private Cgroup Create(ResourcesSpec limits)
    {
        var host = CgroupHost.Detect(_kernel.Root, TestData.Read("mountinfo-hybrid-v1.txt"));
        host.DirectoryCreated = _kernel.DirectoryCreated;
        return host.Create("/containerps/c1", limits);
    }

    [Fact]
    public void Reservation_cpus_mems_io_and_hugepages_are_converted_as_runc_converts_them()
    {
        Create(new ResourcesSpec
        {
            Memory = new MemorySpec { Limit = 64 << 20, Reservation = 32 << 20, Swappiness = 10, DisableOomKiller = true },
            Cpu = new CpuSpec { Cpus = "0-1", Mems = "0" },
            BlockIo = new BlockIoSpec
            {
                Weight = 500,
                ThrottleReadBpsDevice = [new() { Major = 8, Minor = 0, Rate = 1048576 }],
            },
            HugepageLimits = [new() { PageSize = "2MB", Limit = 4 << 20 }],
        });

        Assert.Equal("33554432", _kernel.Read("containerps/c1/memory.low"));
        Assert.Equal("0-1", _kernel.Read("containerps/c1/cpuset.cpus"));
        Assert.Equal("0", _kernel.Read("containerps/c1/cpuset.mems"));
        Assert.Equal(V2IoWriter.ToIoWeight(500).ToString(), _kernel.Read("containerps/c1/io.weight"));
        Assert.Equal("8:0 rbps=1048576", _kernel.Read("containerps/c1/io.max"));
        Assert.Equal("4194304", _kernel.Read("containerps/c1/hugetlb.2MB.max"));
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(1000, 10000)]
    [InlineData(500, 4950)]
    public void The_v1_weight_range_maps_linearly_onto_io_weight(ushort v1, ulong v2) => Assert.Equal(v2, V2IoWriter.ToIoWeight(v1));

    [Fact]
    public void Unified_keys_are_written_as_given_after_the_other_resources()
    {
        Create(new ResourcesSpec { Unified = new() { ["memory.high"] = "50000000" } });

        Assert.Equal("50000000", _kernel.Read("containerps/c1/memory.high"));
    }

    [Theory]
    [InlineData("memory.nonexistent")]
    [InlineData("../cgroup.procs")]
    public void A_unified_key_that_is_not_a_file_of_the_cgroup_fails_the_create(string key)
    {
        var e = Assert.Throws<CgroupException>(() => Create(new ResourcesSpec { Unified = new() { [key] = "1" } }));

        Assert.Equal(CgroupErrorIds.InvalidLimit, e.ErrorId); // (the fake's files keep its directory; cgroupfs removes it)
    }
}
