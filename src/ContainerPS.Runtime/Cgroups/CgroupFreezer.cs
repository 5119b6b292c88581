namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// Freezes and thaws a cgroup's processes. v1: freezer.state takes FROZEN or THAWED and reads FREEZING until every task
/// is stopped (cgroup-v1/freezer-subsystem.rst). v2: cgroup.freeze takes 1 or 0, and cgroup.events says "frozen 1"
/// once the whole subtree is frozen (cgroup-v2.rst, "Core Interface Files"). Freeze returns only when the kernel says
/// frozen, so what is read afterwards cannot change under the reader.
/// </summary>
public sealed class CgroupFreezer
{
    /// <summary>Rounds of 10 ms: a task in uninterruptible sleep (I/O) freezes only when it returns; ten seconds at most.</summary>
    private const int MaxRounds = 1000;

    private readonly Cgroup _cgroup;
    private readonly string _controlFile;

    internal CgroupFreezer(Cgroup cgroup, CgroupDirectories directories)
    {
        _cgroup = cgroup;
        _controlFile = directories.Version == CgroupVersion.V2
            ? Path.Combine(directories.Unified, "cgroup.freeze")
            : Path.Combine(directories.V1Controller("freezer") ?? "", "freezer.state");
    }

    /// <summary>Whether the kernel reports the cgroup as fully frozen.</summary>
    public bool IsFrozen => _cgroup.Version == CgroupVersion.V2
        ? CgroupFileParser.FlatKeyValue(CgroupFiles.Read(EventsFile), "frozen", EventsFile) == 1
        : CgroupFiles.Read(RequireControlFile()).Trim() == "FROZEN";

    private string EventsFile => Path.Combine(Path.GetDirectoryName(_controlFile)!, "cgroup.events");

    /// <summary>Freezes the cgroup and waits until it is frozen; disposing the result thaws it (also when the wait fails).</summary>
    public IDisposable Freeze(CancellationToken ct = default)
    {
        CgroupFiles.Write(RequireControlFile(), _cgroup.Version == CgroupVersion.V2 ? "1" : "FROZEN");
        var thaw = new Thawing(this);
        try
        {
            WaitUntilFrozen(ct);
            return thaw;
        }
        catch
        {
            thaw.Dispose();
            throw;
        }
    }

    public void Thaw() => CgroupFiles.Write(RequireControlFile(), _cgroup.Version == CgroupVersion.V2 ? "0" : "THAWED");

    private void WaitUntilFrozen(CancellationToken ct)
    {
        for (int round = 0; round < MaxRounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            if (IsFrozen) return;
            // v1: a task that could not be frozen leaves the state at FREEZING; writing FROZEN again retries it.
            if (_cgroup.Version == CgroupVersion.V1) CgroupFiles.Write(_controlFile, "FROZEN");
            Thread.Sleep(10);
        }

        throw new CgroupException(CgroupErrorIds.FreezeFailed, $"The cgroup '{_cgroup.Path}' did not freeze within ten seconds.", _cgroup.Path);
    }

    private string RequireControlFile() =>
        File.Exists(_controlFile)
            ? _controlFile
            : throw new CgroupException(CgroupErrorIds.ControllerMissing, $"The cgroup '{_cgroup.Path}' has no freezer ({_controlFile} is missing).", _cgroup.Path);

    private sealed class Thawing(CgroupFreezer freezer) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            freezer.Thaw();
        }
    }
}
