using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

// TEMP cgroups (see CgroupVersion.cs).
public sealed class Cgroup
{
    private readonly CgroupVersion _version;

    internal Cgroup(CgroupVersion version, IReadOnlyList<string> directories)
    {
        _version = version;
        Directories = directories;
    }

    public IReadOnlyList<string> Directories { get; }

    private string Memory => Directories[0];

    internal void Apply(ResourcesSpec limits)
    {
        if (limits.Memory?.Limit is long memory)
        {
            Write(_version == CgroupVersion.V1 ? "memory.limit_in_bytes" : "memory.max", memory.ToString());
            if (_version == CgroupVersion.V2) Write("memory.swap.max", "0");
        }
        if (limits.Pids is { } pids) Write("pids.max", pids.Limit > 0 ? pids.Limit.ToString() : "max");
        if (limits.Cpu is { Quota: long quota } cpu)
        {
            ulong period = cpu.Period ?? 100000;
            if (_version == CgroupVersion.V1)
            {
                Write("cpu.cfs_period_us", period.ToString());
                Write("cpu.cfs_quota_us", quota.ToString());
            }
            else Write("cpu.max", $"{quota} {period}");
        }
    }

    private void Write(string file, string value)
    {
        foreach (string directory in Directories)
        {
            string path = Path.Combine(directory, file);
            if (File.Exists(path)) File.WriteAllText(path, value);
        }
    }

    public void AddProcess(int pid)
    {
        foreach (string directory in Directories) File.WriteAllText(Path.Combine(directory, "cgroup.procs"), pid.ToString());
    }

    public bool OomKilled()
    {
        string file = Path.Combine(Memory, _version == CgroupVersion.V1 ? "memory.oom_control" : "memory.events");
        if (!File.Exists(file)) return false;
        foreach (string line in File.ReadLines(file))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && parts[0] == "oom_kill" && ulong.TryParse(parts[1], out ulong count)) return count > 0;
        }
        return false;
    }

    public IReadOnlyList<int> Processes()
    {
        var pids = new HashSet<int>();
        foreach (string directory in Directories)
        {
            string file = Path.Combine(directory, "cgroup.procs");
            if (!File.Exists(file)) continue;
            foreach (string line in File.ReadLines(file)) if (int.TryParse(line, out int pid)) pids.Add(pid);
        }
        return pids.ToList();
    }

    public void KillAll()
    {
        for (int round = 0; round < 100; round++)
        {
            var pids = Processes();
            if (pids.Count == 0) return;
            foreach (int pid in pids) Tmds.Linux.LibC.kill(pid, 9);
            Thread.Sleep(1);
        }
    }

    public void Remove()
    {
        foreach (string directory in Directories)
        {
            for (int attempt = 0; Directory.Exists(directory); attempt++)
            {
                try { Directory.Delete(directory); }
                catch (IOException) when (attempt < 100) { Thread.Sleep(2); }
            }
        }
    }
}
