using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// linux.resources.blockIO on cgroup v1 (config-linux.md "Block IO"; cgroup-v1/blkio-controller.rst). The weights
/// exist only with a proportional I/O scheduler: CFQ's blkio.weight, or BFQ's blkio.bfq.weight on newer kernels;
/// without either a requested weight fails the create rather than be dropped, as with runc.
/// </summary>
internal static class V1BlockIoWriter
{
    public static void Apply(CgroupDirectories directories, BlockIoSpec? blockIo)
    {
        if (blockIo is null || IsEmpty(blockIo))
        {
            return;
        }

        string directory = V1LimitWriter.Require(directories, "blkio");
        if (blockIo.Weight is ushort weight and > 0)
        {
            CgroupFiles.Write(WeightFile(directory, "weight"), CgroupValue.Number(weight));
        }

        if (blockIo.LeafWeight is ushort leafWeight and > 0)
        {
            CgroupFiles.Write(WeightFile(directory, "leaf_weight"), CgroupValue.Number(leafWeight));
        }

        foreach (var device in blockIo.WeightDevice ?? [])
        {
            WriteWeightDevice(directory, device);
        }

        WriteThrottles(directory, "blkio.throttle.read_bps_device", blockIo.ThrottleReadBpsDevice);
        WriteThrottles(directory, "blkio.throttle.write_bps_device", blockIo.ThrottleWriteBpsDevice);
        WriteThrottles(directory, "blkio.throttle.read_iops_device", blockIo.ThrottleReadIopsDevice);
        WriteThrottles(directory, "blkio.throttle.write_iops_device", blockIo.ThrottleWriteIopsDevice);
    }

    private static bool IsEmpty(BlockIoSpec b) =>
        b.Weight is null or 0 && b.LeafWeight is null or 0 && b.WeightDevice is null or [] && b.ThrottleReadBpsDevice is null or []
        && b.ThrottleWriteBpsDevice is null or [] && b.ThrottleReadIopsDevice is null or [] && b.ThrottleWriteIopsDevice is null or [];

    private static void WriteWeightDevice(string directory, WeightDeviceSpec device)
    {
        if (device.Weight is ushort weight and > 0)
        {
            CgroupFiles.Write(WeightFile(directory, "weight_device"), $"{device.Major}:{device.Minor} {weight}");
        }

        if (device.LeafWeight is ushort leafWeight and > 0)
        {
            CgroupFiles.Write(WeightFile(directory, "leaf_weight_device"), $"{device.Major}:{device.Minor} {leafWeight}");
        }
    }

    /// <summary>One write per device: the kernel parses "MAJOR:MINOR RATE" per write.</summary>
    private static void WriteThrottles(string directory, string file, List<ThrottleDeviceSpec>? devices)
    {
        foreach (var device in devices ?? [])
        {
            CgroupFiles.Write(Path.Combine(directory, file), $"{device.Major}:{device.Minor} {CgroupValue.Number(device.Rate)}");
        }
    }

    /// <summary>blkio.NAME (CFQ), else blkio.bfq.NAME (BFQ); neither means the host's scheduler has no weights.</summary>
    private static string WeightFile(string directory, string name)
    {
        string cfq = Path.Combine(directory, $"blkio.{name}");
        if (File.Exists(cfq))
        {
            return cfq;
        }

        string bfq = Path.Combine(directory, $"blkio.bfq.{name}");
        if (File.Exists(bfq))
        {
            return bfq;
        }

        throw new CgroupException(CgroupErrorIds.ControllerMissing,
            $"A block I/O {name} was requested, but this host's blkio controller has no {name} (no CFQ or BFQ I/O scheduler).", directory);
    }
}
