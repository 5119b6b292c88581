using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>The host's cgroup hierarchies, and the factory for container cgroups in them.</summary>
public sealed class CgroupHost
{
    public const string DefaultMountRoot = "/sys/fs/cgroup";

    private readonly CgroupLayout _layout;

    private CgroupHost(CgroupLayout layout)
    {
        _layout = layout;
    }

    public CgroupVersion Version => _layout.Version;

    /// <summary>
    /// The controllers ContainerPS can use here: v1 the mounted ones among memory, cpu, cpuacct, pids, blkio, devices; v2 the
    /// root's cgroup.controllers among cpu, memory, pids, io.
    /// </summary>
    public IReadOnlyList<string> Controllers => _layout.Version == CgroupVersion.V1
        ? CgroupLayout.V1Controllers.Where(_layout.ControllerMounts.ContainsKey).ToList()
        : CgroupLayout.V2Controllers.Where(V2Hierarchy.Controllers(_layout.UnifiedRoot!).Contains).ToList();

    /// <summary>
    /// Test seam: runs after every directory Create makes, to do what the kernel does on a real cgroupfs (populate the
    /// control files) when the tree is an ordinary directory.
    /// </summary>
    internal Action<string>? DirectoryCreated { get; set; }

    internal CgroupLayout Layout => _layout;

    /// <summary>Finds the hierarchies under <paramref name="mountRoot"/> from /proc/self/mountinfo.</summary>
    public static CgroupHost Detect(string mountRoot = DefaultMountRoot) => Detect(mountRoot, MountInfo.ReadSelf());

    /// <summary>As <see cref="Detect(string)"/>, from a given mountinfo text (tests use captured ones).</summary>
    internal static CgroupHost Detect(string mountRoot, string mountInfoText) =>
        new(CgroupLayout.Discover(mountRoot, mountInfoText));

    /// <summary>
    /// Creates the cgroup <paramref name="path"/> (e.g. "/containerps/&lt;id&gt;") and applies <paramref name="limits"/>.
    /// It must not exist yet (<see cref="CgroupErrorIds.Exists"/>); on any failure nothing of it is left behind.
    /// </summary>
    public Cgroup Create(string path, ResourcesSpec? limits)
    {
        var segments = CgroupPath.Segments(path);
        var memory = MemoryLimits.From(limits?.Memory); // contradictions fail before anything is created
        var devices = (limits?.Devices ?? []).Select(DeviceRule.From).ToList();
        var directories = _layout.Version == CgroupVersion.V2
            ? V2Hierarchy.Create(_layout, segments, DirectoryCreated)
            : V1Hierarchy.Create(_layout, segments, DirectoryCreated);
        try
        {
            ApplyLimits(directories, limits, memory, devices);
        }
        catch (CgroupException)
        {
            foreach (var directory in directories.All)
            {
                CgroupTree.TryRemove(directory);
            }

            throw;
        }

        return new Cgroup(path, directories);
    }

    /// <summary>An existing cgroup (for statistics, killing, removal); <see cref="CgroupErrorIds.NotFound"/> if it is in no hierarchy.</summary>
    public Cgroup Open(string path)
    {
        var segments = CgroupPath.Segments(path);
        var directories = _layout.Version == CgroupVersion.V2
            ? V2Hierarchy.Resolve(_layout, segments)
            : V1Hierarchy.Resolve(_layout, segments);
        if (!directories.All.Any(Directory.Exists))
        {
            throw new CgroupException(CgroupErrorIds.NotFound, $"The cgroup '{path}' does not exist.", path);
        }

        return new Cgroup(path, directories);
    }

    /// <summary>
    /// Limits, then the device allow-list: v1 writes devices.allow/deny, v2 attaches an eBPF device program. Both
    /// happen here, before the container's process joins.
    /// </summary>
    private static void ApplyLimits(CgroupDirectories directories, ResourcesSpec? limits, MemoryLimits memory, IReadOnlyList<DeviceRule> devices)
    {
        if (limits is null)
        {
            return;
        }

        if (directories.Version == CgroupVersion.V2)
        {
            V2LimitWriter.Apply(directories.Unified, limits, memory);
            V2DeviceFilter.Apply(directories.Unified, devices);
        }
        else
        {
            V1LimitWriter.Apply(directories, limits, memory);
            V1DeviceWriter.Apply(directories, devices);
        }
    }
}
