using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

// TEMP cgroups (see CgroupVersion.cs): just enough v1 and v2 for the supervisor and its tests.
public sealed class CgroupHost
{
    private static readonly string[] V1Controllers = ["memory", "cpu", "pids"];
    private readonly string _mountRoot;

    private CgroupHost(string mountRoot, CgroupVersion version)
    {
        _mountRoot = mountRoot;
        Version = version;
    }

    public CgroupVersion Version { get; }

    public static CgroupHost Detect(string mountRoot = "/sys/fs/cgroup") =>
        new(mountRoot, Directory.Exists(Path.Combine(mountRoot, "memory")) ? CgroupVersion.V1 : CgroupVersion.V2);

    public Cgroup Create(string path, ResourcesSpec? limits)
    {
        var cgroup = Open(path);
        if (Version == CgroupVersion.V2) EnableControllers(path);
        foreach (string directory in cgroup.Directories) Directory.CreateDirectory(directory);
        if (limits is not null) cgroup.Apply(limits);
        return cgroup;
    }

    public Cgroup Open(string path)
    {
        string relative = path.Trim('/');
        var directories = Version == CgroupVersion.V1
            ? V1Controllers.Select(c => Path.Combine(_mountRoot, c, relative)).ToList()
            : [Path.Combine(_mountRoot, relative)];
        return new Cgroup(Version, directories);
    }

    private void EnableControllers(string path)
    {
        string current = _mountRoot;
        foreach (string part in path.Trim('/').Split('/')[..^1])
        {
            current = Path.Combine(current, part);
            Directory.CreateDirectory(current);
        }
        current = _mountRoot;
        foreach (string part in path.Trim('/').Split('/'))
        {
            foreach (string controller in new[] { "+memory", "+cpu", "+pids" })
            {
                try { File.WriteAllText(Path.Combine(current, "cgroup.subtree_control"), controller); }
                catch (IOException) { }
            }
            current = Path.Combine(current, part);
        }
    }
}
