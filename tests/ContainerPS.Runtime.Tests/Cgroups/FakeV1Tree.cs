namespace ContainerPS.Runtime.Tests.Cgroups;

/// <summary>
/// A cgroup v1 tree in an ordinary directory: one directory per hierarchy ("memory", "cpu,cpuacct", "blkio"; no pids,
/// no swap accounting), and after each mkdir the control files the kernel would create there.
/// </summary>
internal sealed class FakeV1Tree : IDisposable
{
    private readonly TempDirectory _temp = new();

    public FakeV1Tree()
    {
        Root = _temp.Path;
        foreach (var hierarchy in new[] { "memory", "cpu,cpuacct", "blkio" })
        {
            Directory.CreateDirectory(Path.Combine(Root, hierarchy));
        }
    }

    public string Root { get; }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public void Set(string relativePath, string content) => File.WriteAllText(Path.Combine(Root, relativePath), content);

    public void DirectoryCreated(string directory)
    {
        Write(directory, "cgroup.procs", "");
        switch (HierarchyOf(directory))
        {
            case "memory":
                Write(directory, "memory.limit_in_bytes", "9223372036854771712\n");
                Write(directory, "memory.usage_in_bytes", "0\n");
                Write(directory, "memory.stat", "cache 0\nrss 0\ninactive_file 0\ntotal_inactive_file 0\n");
                Write(directory, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
                break;
            case "cpu,cpuacct":
                Write(directory, "cpu.cfs_period_us", "100000\n");
                Write(directory, "cpu.cfs_quota_us", "-1\n");
                Write(directory, "cpu.shares", "1024\n");
                Write(directory, "cpuacct.usage", "0\n");
                break;
            case "blkio":
                Write(directory, "blkio.throttle.io_service_bytes_recursive", "Total 0\n");
                break;
        }
    }

    public void Dispose() => _temp.Dispose();

    private string HierarchyOf(string directory) => Path.GetRelativePath(Root, directory).Split('/')[0];

    private static void Write(string directory, string file, string content) => File.WriteAllText(Path.Combine(directory, file), content);
}
