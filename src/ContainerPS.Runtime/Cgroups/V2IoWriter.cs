using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// blockIO on cgroup v2 (cgroup-v2.rst "IO"): the weights go to io.bfq.weight when BFQ is there, else io.weight;
/// v1's 10-1000 weight range becomes v2's 1-10000 by runc's linear conversion 1 + (w - 10) * 9999 / 990 for
/// io.weight, while io.bfq.weight takes the v1 value as it is. Throttles are one "MAJ:MIN KEY=RATE" line each in
/// io.max. leafWeight has no v2 counterpart and is ignored.
/// </summary>
internal static class V2IoWriter
{
    public static void Apply(string directory, HashSet<string> controllers, BlockIoSpec? blockIo)
    {
        if (blockIo is null)
        {
            return;
        }

        bool any = blockIo.Weight is > 0 || blockIo.WeightDevice is { Count: > 0 } || blockIo.ThrottleReadBpsDevice is { Count: > 0 }
            || blockIo.ThrottleWriteBpsDevice is { Count: > 0 } || blockIo.ThrottleReadIopsDevice is { Count: > 0 }
            || blockIo.ThrottleWriteIopsDevice is { Count: > 0 };
        if (!any)
        {
            return;
        }

        V2LimitWriter.Require(controllers, "io", directory);
        if (blockIo.Weight is ushort weight and > 0)
        {
            WriteWeight(directory, "", weight);
        }

        foreach (var device in blockIo.WeightDevice ?? [])
        {
            if (device.Weight is ushort deviceWeight and > 0)
            {
                WriteWeight(directory, $"{device.Major}:{device.Minor} ", deviceWeight);
            }
        }

        WriteMax(directory, "rbps", blockIo.ThrottleReadBpsDevice);
        WriteMax(directory, "wbps", blockIo.ThrottleWriteBpsDevice);
        WriteMax(directory, "riops", blockIo.ThrottleReadIopsDevice);
        WriteMax(directory, "wiops", blockIo.ThrottleWriteIopsDevice);
    }

    /// <summary>The v1 weight (10-1000) as io.weight's 1-10000.</summary>
    public static ulong ToIoWeight(ushort v1Weight) => 1 + ((ulong)Math.Clamp((int)v1Weight, 10, 1000) - 10) * 9999 / 990;

    private static void WriteWeight(string directory, string devicePrefix, ushort weight)
    {
        string bfq = Path.Combine(directory, "io.bfq.weight");
        if (File.Exists(bfq))
        {
            CgroupFiles.Write(bfq, devicePrefix + CgroupValue.Number(weight));
            return;
        }

        CgroupFiles.Write(Path.Combine(directory, "io.weight"), devicePrefix + CgroupValue.Number(ToIoWeight(weight)));
    }

    private static void WriteMax(string directory, string key, List<ThrottleDeviceSpec>? devices)
    {
        foreach (var device in devices ?? [])
        {
            CgroupFiles.Write(Path.Combine(directory, "io.max"), $"{device.Major}:{device.Minor} {key}={CgroupValue.Number(device.Rate)}");
        }
    }
}
