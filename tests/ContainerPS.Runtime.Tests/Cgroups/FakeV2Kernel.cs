namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>
/// A cgroup v2 tree in an ordinary directory. mkdir there creates no files, so after each mkdir this does what the
/// kernel does: a new cgroup gets cgroup.controllers = what its parent enables in cgroup.subtree_control, and the
/// interface files of those controllers with the kernel's defaults (cgroup-v2.rst).
/// </summary>
internal sealed class FakeV2Kernel : IDisposable
{
    private readonly TempDirectory _temp = new();

    public FakeV2Kernel(string rootControllers = "cpuset cpu io memory hugetlb pids rdma misc")
    {
        Root = _temp.Path;
        Write(Root, "cgroup.controllers", rootControllers + "\n");
        Write(Root, "cgroup.subtree_control", "");
        Write(Root, "cgroup.procs", "");
    }

    public string Root { get; }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath.TrimStart('/')));

    public void Set(string relativePath, string content) => File.WriteAllText(Path.Combine(Root, relativePath.TrimStart('/')), content);

    /// <summary>Plays the kernel's part for a directory Create has just made.</summary>
    public void DirectoryCreated(string directory)
    {
        string parentSubtree = File.ReadAllText(Path.Combine(Path.GetDirectoryName(directory)!, "cgroup.subtree_control"));
        var enabled = parentSubtree.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(c => c.TrimStart('+')).ToList();
        Write(directory, "cgroup.controllers", string.Join(' ', enabled) + "\n");
        Write(directory, "cgroup.subtree_control", "");
        Write(directory, "cgroup.procs", "");
        Write(directory, "cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n");
        if (enabled.Contains("memory"))
        {
            Write(directory, "memory.max", "max\n");
            Write(directory, "memory.swap.max", "max\n");
            Write(directory, "memory.current", "0\n");
            Write(directory, "memory.stat", "anon 0\nfile 0\ninactive_file 0\nactive_file 0\n");
            Write(directory, "memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
        }

        if (enabled.Contains("cpu"))
        {
            Write(directory, "cpu.max", "max 100000\n");
            Write(directory, "cpu.weight", "100\n");
        }

        if (enabled.Contains("pids"))
        {
            Write(directory, "pids.max", "max\n");
            Write(directory, "pids.current", "0\n");
        }

        if (enabled.Contains("io"))
        {
            Write(directory, "io.stat", "");
            Write(directory, "io.weight", "default 100\n");
            Write(directory, "io.max", "");
        }

        if (enabled.Contains("memory"))
        {
            Write(directory, "memory.low", "0\n");
            Write(directory, "memory.high", "max\n");
        }

        if (enabled.Contains("cpuset"))
        {
            Write(directory, "cpuset.cpus", "");
            Write(directory, "cpuset.mems", "");
        }

        if (enabled.Contains("hugetlb"))
        {
            Write(directory, "hugetlb.2MB.max", "max\n");
        }
    }

    public void Dispose() => _temp.Dispose();

    private static void Write(string directory, string file, string content) => File.WriteAllText(Path.Combine(directory, file), content);
}
