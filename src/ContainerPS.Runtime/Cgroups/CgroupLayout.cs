namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// Where the host's cgroup hierarchies are: the unified cgroup2 root (v2), or the mount directory of each v1
/// controller ContainerPS uses. Found from mountinfo; a tree that is not a mount (a test tree) is read by its layout.
/// </summary>
internal sealed class CgroupLayout
{
    /// <summary>
    /// The v1 controllers ContainerPS joins: the ones its limits, statistics and device allow-list use, and the freezer
    /// that pauses a container (v2 has cgroup.freeze in every cgroup), and the ones of the spec's other resources
    /// (cpuset, hugetlb, net_cls, net_prio: config-linux.md "Control groups"), joined as runc joins every hierarchy.
    /// </summary>
    public static readonly IReadOnlyList<string> V1Controllers =
        ["memory", "cpu", "cpuacct", "pids", "blkio", "devices", "freezer", "cpuset", "hugetlb", "net_cls", "net_prio"];

    /// <summary>The v2 controllers enabled for containers (cgroup-v2.rst, "Controllers").</summary>
    public static readonly IReadOnlyList<string> V2Controllers = ["cpu", "memory", "pids", "io", "cpuset", "hugetlb"];

    private CgroupLayout(CgroupVersion version, string? unifiedRoot, IReadOnlyDictionary<string, string> controllerMounts)
    {
        Version = version;
        UnifiedRoot = unifiedRoot;
        ControllerMounts = controllerMounts;
    }

    public CgroupVersion Version { get; }

    /// <summary>The cgroup2 mount (v2 only).</summary>
    public string? UnifiedRoot { get; }

    /// <summary>v1: controller name → its hierarchy's mount directory (cpu and cpuacct share one when co-mounted).</summary>
    public IReadOnlyDictionary<string, string> ControllerMounts { get; }

    public static CgroupLayout V2(string unifiedRoot) =>
        new(CgroupVersion.V2, unifiedRoot, new Dictionary<string, string>());

    public static CgroupLayout V1(IReadOnlyDictionary<string, string> controllerMounts) =>
        new(CgroupVersion.V1, null, controllerMounts);

    /// <summary>
    /// The layout under <paramref name="mountRoot"/>: a cgroup2 mount exactly there is pure v2; otherwise v1
    /// controller mounts below it make it v1 (a cgroup2 mount beside them, as /sys/fs/cgroup/unified on hybrid hosts,
    /// is never used). Without any cgroup mount there, the directory itself is examined.
    /// </summary>
    public static CgroupLayout Discover(string mountRoot, string mountInfoText)
    {
        string root = Normalize(mountRoot);
        var mounts = MountInfo.Parse(mountInfoText);
        return FromMounts(root, mounts) ?? FromDirectory(root);
    }

    private static CgroupLayout? FromMounts(string root, List<MountInfoEntry> mounts)
    {
        if (mounts.Any(m => m.FileSystemType == "cgroup2" && Normalize(m.MountPoint) == root))
        {
            return V2(root);
        }

        var controllers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in mounts.Where(m => m.FileSystemType == "cgroup" && IsBelow(m.MountPoint, root)))
        {
            foreach (var option in mount.SuperOptions.Split(','))
            {
                if (V1Controllers.Contains(option))
                {
                    controllers.TryAdd(option, Normalize(mount.MountPoint));
                }
            }
        }

        return controllers.Count > 0 ? V1(controllers) : null;
    }

    /// <summary>
    /// A tree that is not a mount: cgroup.controllers at the root means the v2 layout; directories named after
    /// controllers ("memory", "cpu,cpuacct") mean the v1 layout.
    /// </summary>
    private static CgroupLayout FromDirectory(string root)
    {
        if (File.Exists(Path.Combine(root, "cgroup.controllers")))
        {
            return V2(root);
        }

        var controllers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(root))
        {
            foreach (var directory in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
            {
                foreach (var name in Path.GetFileName(directory).Split(','))
                {
                    if (V1Controllers.Contains(name))
                    {
                        controllers.TryAdd(name, directory);
                    }
                }
            }
        }

        return controllers.Count > 0
            ? V1(controllers)
            : throw new CgroupException(CgroupErrorIds.NotMounted, $"No cgroup hierarchy is mounted at '{root}'.", root);
    }

    private static bool IsBelow(string mountPoint, string root) =>
        Normalize(mountPoint).StartsWith(root == "/" ? "/" : root + "/", StringComparison.Ordinal) && Normalize(mountPoint) != root;

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
