using ContainerPS.Runtime.Cgroups;
using ContainerPS.Shim.Child;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// How a new child (a container's init, or a process `exec` starts) gets into the container's cgroup before it runs
/// anything of the container's. v1: the child moves itself, writing "0" to the tasks file of every hierarchy, opened
/// here and inherited over the clone; that skips the kernel's global threadgroup lock and its RCU grace period, the
/// largest single cost of a container start on a v1 host (Cgroup.SelfJoinFiles). v2: the parent writes the pid to
/// cgroup.procs while the child waits for a byte on a pipe.
/// </summary>
internal sealed unsafe class CgroupJoin : IDisposable
{
    private readonly Cgroup _cgroup;
    private readonly List<(string File, int Fd)> _taskFiles = [];
    private int _syncRead = -1, _syncWrite = -1;

    private CgroupJoin(Cgroup cgroup) => _cgroup = cgroup;

    public static CgroupJoin Prepare(Cgroup cgroup)
    {
        var join = new CgroupJoin(cgroup);
        try
        {
            if (cgroup.SelfJoinFiles() is { } files) join.OpenTaskFiles(files);
            else (join._syncRead, join._syncWrite) = Pipe.Create();
            return join;
        }
        catch
        {
            join.Dispose();
            throw;
        }
    }

    /// <summary>The fds only the parent uses, which the child closes first (so EOF on the sync pipe means a dead parent).</summary>
    public IEnumerable<int> ParentOnlyFds => _syncWrite >= 0 ? [_syncWrite] : [];

    /// <summary>The child's steps: move itself (v1) or wait until the parent has moved it (v2).</summary>
    public void AddChildSteps(StepList steps)
    {
        var calls = steps.Calls;
        if (_syncRead >= 0)
        {
            steps.Add("wait-for-cgroup-join", calls.Read, _syncRead, steps.Arena.Struct(0L), 1).RequirePositiveResult();
            return;
        }

        long zero = steps.Str("0");
        foreach (var (file, fd) in _taskFiles)
        {
            steps.Add($"join-cgroup {file}", calls.Write, fd, zero, 1).RequirePositiveResult();
            steps.Add($"close-cgroup-tasks-{fd}", calls.Close, fd);
        }
    }

    /// <summary>After the clone: drop the child's fds; on v2 put the child in the cgroup and let it go on.</summary>
    public void AfterClone(int pid)
    {
        CloseChildFds();
        if (_syncWrite < 0) return;
        CgroupsAdapter.Join(_cgroup, pid);
        Pipe.WriteByte(_syncWrite);
        Pipe.Close(ref _syncWrite);
    }

    public void Dispose()
    {
        CloseChildFds();
        Pipe.Close(ref _syncWrite);
    }

    private void OpenTaskFiles(IReadOnlyList<string> files)
    {
        foreach (string file in files)
        {
            int fd = Sys.Open(file, Linux.O_WRONLY | Linux.O_CLOEXEC, 0);
            if (fd < 0) throw new ShimException(ExitCodes.Failure, $"cgroup {file}: {Errno.Describe(Sys.LastError)}");
            _taskFiles.Add((file, fd));
        }
    }

    private void CloseChildFds()
    {
        foreach (var (_, fd) in _taskFiles) Sys.Close(fd);
        _taskFiles.Clear();
        Pipe.Close(ref _syncRead);
    }
}
