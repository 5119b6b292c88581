using ContainerPS.Runtime.Spec;
using Tmds.Linux;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>One container's cgroup: its directory in every hierarchy the host uses.</summary>
public sealed class Cgroup
{
    private readonly CgroupDirectories _directories;

    internal Cgroup(string path, CgroupDirectories directories)
    {
        Path = path;
        _directories = directories;
    }

    /// <summary>The cgroup path as given ("/containerps/&lt;id&gt;").</summary>
    public string Path { get; }

    public CgroupVersion Version => _directories.Version;

    /// <summary>Its directory in each hierarchy (v1: one per distinct controller mount; v2: one).</summary>
    public IReadOnlyList<string> Directories => _directories.All;

    /// <summary>Pauses and resumes every process in the cgroup (docker pause, and a commit's consistent read).</summary>
    public CgroupFreezer Freezer => new(this, _directories);

    /// <summary>Moves <paramref name="pid"/> (the whole process) into the cgroup in every hierarchy.</summary>
    public void AddProcess(int pid)
    {
        foreach (var directory in _directories.All)
        {
            CgroupFiles.Write(System.IO.Path.Combine(directory, "cgroup.procs"), CgroupValue.Number(pid));
        }
    }

    /// <summary>
    /// v1: the tasks file of every hierarchy. A single-threaded process that writes "0" (itself) to them moves without
    /// the global threadgroup lock that a cgroup.procs write takes, whose first writer waits for an RCU grace period
    /// (kernel/cgroup/cgroup.c, cgroup_procs_write_start: a single thread that is current skips it). Measured here:
    /// 0.4 ms for six hierarchies, against 7 to 24 ms for the parent writing the pid to cgroup.procs. v2 has no such
    /// door (cgroup.threads moves threads only inside a threaded subtree): null.
    /// </summary>
    public IReadOnlyList<string>? SelfJoinFiles() =>
        _directories.Version == CgroupVersion.V1 ? _directories.All.Select(d => System.IO.Path.Combine(d, "tasks")).ToList() : null;

    /// <summary>
    /// Whether the kernel's OOM killer killed a process in this cgroup: the oom_kill counter of v1 memory.oom_control
    /// (Linux 4.13+) or v2 memory.events. False when the memory controller is absent.
    /// </summary>
    public bool OomKilled() => OomKillCount() > 0;

    /// <summary>How many processes the OOM killer has killed in this cgroup (runc events' "oom" when it rises).</summary>
    public ulong OomKillCount()
    {
        string? file = _directories.Version == CgroupVersion.V2
            ? System.IO.Path.Combine(_directories.Unified, "memory.events")
            : _directories.V1Controller("memory") is string memory ? System.IO.Path.Combine(memory, "memory.oom_control") : null;
        string? text = file is null ? null : CgroupFiles.TryRead(file);
        return text is null ? 0 : CgroupFileParser.FlatKeyValue(text, "oom_kill", file!) ?? 0;
    }

    /// <summary>
    /// New limits on a live cgroup (runc-update(8)), by the same writers as at create; the device rules stay as
    /// they are (update has no device options). <paramref name="limits"/> is the whole set, not a difference.
    /// </summary>
    public void Update(ResourcesSpec limits)
    {
        ThrowIfGone();
        var memory = MemoryLimits.From(limits.Memory);
        if (_directories.Version == CgroupVersion.V2) V2LimitWriter.Apply(_directories.Unified, limits, memory);
        else V1LimitWriter.Apply(_directories, limits, memory);
    }

    /// <summary>One sample of the counters.</summary>
    public CgroupStats ReadStats()
    {
        ThrowIfGone();
        return _directories.Version == CgroupVersion.V2
            ? V2StatsReader.Read(_directories.Unified)
            : V1StatsReader.Read(_directories);
    }

    /// <summary>The PIDs in the cgroup (the union over hierarchies), ascending.</summary>
    public IReadOnlyList<int> Processes()
    {
        var pids = new SortedSet<int>();
        foreach (var directory in _directories.All)
        {
            string file = System.IO.Path.Combine(directory, "cgroup.procs");
            if (CgroupFiles.TryRead(file, CgroupFiles.MaxProcsFileBytes) is string text)
            {
                pids.UnionWith(CgroupFileParser.ParsePids(text, file));
            }
        }

        return pids.ToList();
    }

    /// <summary>
    /// SIGKILLs every process and returns once the cgroup is empty. v2 with cgroup.kill (Linux 5.14+) kills the whole
    /// tree atomically; otherwise the processes are killed one by one until none is left.
    /// </summary>
    public void KillAll()
    {
        string? cgroupKill = _directories.Version == CgroupVersion.V2 ? System.IO.Path.Combine(_directories.Unified, "cgroup.kill") : null;
        if (cgroupKill is not null && File.Exists(cgroupKill))
        {
            CgroupFiles.Write(cgroupKill, "1");
            ProcessKiller.WaitUntilEmpty(Processes, Path);
            return;
        }

        ProcessKiller.KillAll(Processes, Path);
    }

    /// <summary>Removes the cgroup from every hierarchy (ancestors stay); a directory already gone is fine.</summary>
    public void Remove()
    {
        foreach (var directory in _directories.All)
        {
            CgroupTree.Remove(directory);
        }
    }

    private void ThrowIfGone()
    {
        if (!_directories.All.Any(Directory.Exists))
        {
            throw new CgroupException(CgroupErrorIds.NotFound, $"The cgroup '{Path}' does not exist.", Path, LibC.ENOENT);
        }
    }
}
