using ContainerPS.Engine.Native;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>
/// The pseudo file systems a copy never writes into and never reads a tree from: a container's /proc, /sys and cgroup
/// mounts seen from the host answer with the host's privileges and, for sysctls, in the host's namespaces
/// (proc(5), "/proc/sys"), so writing there could change the host. Magic numbers from linux/magic.h.
/// </summary>
internal static unsafe class KernelFileSystems
{
    private static readonly HashSet<long> Magic =
    [
        0x9fa0,     // PROC_SUPER_MAGIC
        0x62656572, // SYSFS_MAGIC
        0x27e0eb,   // CGROUP_SUPER_MAGIC
        0x63677270, // CGROUP2_SUPER_MAGIC
        0x73636673, // SECURITYFS_MAGIC
        0x64626720, // DEBUGFS_MAGIC
        0x74726163, // TRACEFS_MAGIC
        0xcafe4a11, // BPF_FS_MAGIC
        0xde5e81e4, // EFIVARFS_MAGIC
    ];

    /// <summary>True when the directory <paramref name="fd"/> lies on one of the kernel's pseudo file systems.</summary>
    public static bool Contains(int fd)
    {
        byte* buffer = stackalloc byte[CopyNative.StatfsBufferSize];
        Errno.ThrowIfFailed(CopyNative.fstatfs(fd, buffer), "fstatfs", null);
        return Magic.Contains(*(long*)buffer);
    }
}
