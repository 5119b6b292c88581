namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// The directories of one cgroup: on v1 one per hierarchy (cpu and cpuacct share one when co-mounted), on v2 the
/// single unified directory.
/// </summary>
internal sealed class CgroupDirectories
{
    private readonly IReadOnlyDictionary<string, string> _byController;

    private CgroupDirectories(CgroupVersion version, IReadOnlyDictionary<string, string> byController, IReadOnlyList<string> all)
    {
        Version = version;
        _byController = byController;
        All = all;
    }

    public CgroupVersion Version { get; }

    /// <summary>Every distinct directory, in a stable order.</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>v2: the unified directory.</summary>
    public string Unified => Version == CgroupVersion.V2 ? All[0] : throw new InvalidOperationException("Not a cgroup v2 cgroup.");

    public static CgroupDirectories ForV1(IReadOnlyDictionary<string, string> byController) =>
        new(CgroupVersion.V1, byController, byController.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    public static CgroupDirectories ForV2(string unified) =>
        new(CgroupVersion.V2, new Dictionary<string, string>(), [unified]);

    /// <summary>v1: the directory of <paramref name="controller"/>'s hierarchy, or null when it is not mounted.</summary>
    public string? V1Controller(string controller) => _byController.GetValueOrDefault(controller);
}
