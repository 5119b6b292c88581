using ContainerPS.Runtime.Spec;
using Tmds.Linux;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// The memory fields beyond limit and swap (config-linux.md, "Memory"; cgroup-v1/memory.rst): reservation is the soft
/// limit, kernel and kernelTCP the kmem limits, swappiness, and disableOOMKiller as memory.oom_control.
/// </summary>
internal static class V1MemoryExtras
{
    public static void Apply(CgroupDirectories directories, MemorySpec? memory)
    {
        if (memory is null || !HasExtras(memory))
        {
            return;
        }

        string directory = V1LimitWriter.Require(directories, "memory");
        if (memory.Reservation is long reservation and not 0)
        {
            CgroupFiles.Write(Path.Combine(directory, "memory.soft_limit_in_bytes"), CgroupValue.V1(reservation));
        }

        if (memory.Kernel is long kernel and not 0)
        {
            WriteKernelMemory(Path.Combine(directory, "memory.kmem.limit_in_bytes"), kernel);
        }

        if (memory.KernelTcp is long kernelTcp and not 0)
        {
            CgroupFiles.Write(Path.Combine(directory, "memory.kmem.tcp.limit_in_bytes"), CgroupValue.V1(kernelTcp));
        }

        if (memory.Swappiness is ulong swappiness)
        {
            WriteSwappiness(directory, swappiness);
        }

        if (memory.DisableOomKiller is true)
        {
            CgroupFiles.Write(Path.Combine(directory, "memory.oom_control"), "1");
        }
    }

    private static bool HasExtras(MemorySpec memory) =>
        memory.Reservation is not (null or 0) || memory.Kernel is not (null or 0) || memory.KernelTcp is not (null or 0)
        || memory.Swappiness is not null || memory.DisableOomKiller is true;

    /// <summary>
    /// Since Linux 6.1 memory.kmem.limit_in_bytes refuses writes (EOPNOTSUPP): the kernel no longer limits kernel memory
    /// apart from the rest, and runc ignores the field too (it is deprecated in the runtime-spec). Older kernels get it.
    /// </summary>
    private static void WriteKernelMemory(string file, long limit)
    {
        if (!File.Exists(file))
        {
            return;
        }

        try
        {
            CgroupFiles.Write(file, CgroupValue.V1(limit));
        }
        catch (CgroupException e) when (e.Errno == LibC.EOPNOTSUPP)
        {
        }
    }

    /// <summary>0-100 (memory.rst 5.3); runc refuses larger values rather than let the kernel clamp or fail later.</summary>
    private static void WriteSwappiness(string directory, ulong swappiness)
    {
        if (swappiness > 100)
        {
            throw new CgroupException(CgroupErrorIds.InvalidLimit, $"The memory swappiness {swappiness} is above 100.");
        }

        CgroupFiles.Write(Path.Combine(directory, "memory.swappiness"), CgroupValue.Number(swappiness));
    }
}
