using ContainerPS.Runtime.Spec;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// What every container gets unless asked otherwise (issue-3 contract, "Default for what the engine writes"): the
/// namespaces, the kernel file systems, runc's masked and read-only paths, and the open-files rlimit.
/// </summary>
internal static class SpecDefaults
{
    /// <summary>RLIMIT_NOFILE as docker sets it; the supervisor lowers it to the host's hard limit, never raises.</summary>
    public const ulong OpenFilesLimit = 1048576;

    /// <summary>docker's PATH when the image sets none (moby oci/defaults.go DefaultPathEnv).</summary>
    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>runc's default masked paths (runc libcontainer/specconv/example.go): bind /dev/null or an empty tmpfs over them.</summary>
    public static readonly IReadOnlyList<string> MaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    /// <summary>runc's default read-only paths: the /proc knobs that reach the host kernel.</summary>
    public static readonly IReadOnlyList<string> ReadonlyPaths =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>
    /// Host mode shares the host's network namespace; none gets a new one; a bridge network joins the namespace the
    /// engine made and wired at <paramref name="networkNamespacePath"/> (config-linux.md, "Namespaces": a path means join).
    /// </summary>
    public static List<NamespaceSpec> Namespaces(string network, string? networkNamespacePath)
    {
        List<NamespaceSpec> namespaces = [.. new[] { "pid", "mount", "uts", "ipc" }.Select(t => new NamespaceSpec { Type = t })];
        if (network == Networking.NetworkNames.None) namespaces.Add(new NamespaceSpec { Type = "network" });
        else if (network != Networking.NetworkNames.Host) namespaces.Add(new NamespaceSpec { Type = "network", Path = networkNamespacePath });
        namespaces.Add(new NamespaceSpec { Type = "cgroup" });
        return namespaces;
    }

    /// <summary>/dev/shm's size when -ShmSize does not say (docker's 64 MiB).</summary>
    public const long DefaultShmSize = 64L << 20;

    /// <summary>
    /// The kernel file systems of config.md's default mounts, as runc spec writes them, with /dev/shm of
    /// <paramref name="shmSize"/> bytes (docker run --shm-size).
    /// </summary>
    public static List<MountSpec> Mounts(long? shmSize = null) =>
    [
        Mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"),
        Mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
        Mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
        Mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", TmpfsSize(ShmSizeOf(shmSize))),
        Mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
        Mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
        // "cgroup" as runc writes it: the supervisor mounts cgroup2 on a v2 host and a read-only tmpfs on v1.
        Mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro"),
    ];

    public static List<RlimitSpec> Rlimits() => [new RlimitSpec { Type = "RLIMIT_NOFILE", Hard = OpenFilesLimit, Soft = OpenFilesLimit }];

    private static string TmpfsSize(long bytes) => bytes % 1024 == 0 ? $"size={bytes / 1024}k" : $"size={bytes}";

    private static long ShmSizeOf(long? shmSize) => shmSize switch
    {
        null => DefaultShmSize,
        < 4096 and var size => throw Errors.Fail.InvalidArgument("InvalidShmSize", $"-ShmSize must be at least 4096 bytes, not {size}.", size),
        var size => size.Value,
    };

    public static MountSpec Mount(string destination, string type, string source, params string[] options) =>
        new() { Destination = destination, Type = type, Source = source, Options = [.. options] };
}
