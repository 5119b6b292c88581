using ContainerPS.Runtime.Cgroups;
using ContainerPS.Shim.Child;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// How a new child (a container's init, or a process `exec` starts) gets into the container's cgroup before it runs
/// anything of the container's. v1: the child moves itself, writing "0" to the tasks file of every hierarchy, opened
/// here and inherited over the clone; that skips the kernel's global threadgroup lock and its RCU grace period, the
/// largest single cost of a container start on a v1 host (Cgroup.SelfJoinFiles). v2: the child is born in the
/// cgroup (clone3 CLONE_INTO_CGROUP with <see cref="CgroupFd"/>), or, on a kernel before 5.7, the parent writes its
/// pid to cgroup.procs; either way the child waits for a byte on a pipe that says it is in.
/// </summary>
internal sealed unsafe class CgroupJoin : IDisposable
{
    private readonly Cgroup _cgroup;
    private readonly List<(string File, int Fd)> _taskFiles = [];
    private int _syncRead = -1, _syncWrite = -1, _cgroupFd = -1;

    private CgroupJoin(Cgroup cgroup) => _cgroup = cgroup;

    public static CgroupJoin Prepare(Cgroup cgroup)
    {
        var join = new CgroupJoin(cgroup);
        try
        {
            if (cgroup.SelfJoinFiles() is { } files) join.OpenTaskFiles(files);
            else
            {
                join._cgroupFd = OpenOrThrow(cgroup.Directories[0], Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_CLOEXEC);
                (join._syncRead, join._syncWrite) = Pipe.Create();
            }
            return join;
        }
        catch
        {
            join.Dispose();
            throw;
        }
    }

    /// <summary>v2: the cgroup's directory, for the child to be born in (ContainerLauncher); -1 on v1.</summary>
    public int CgroupFd => _cgroupFd;

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

    /// <summary>After the clone: drop the child's fds; on v2 move the child unless it was born in the cgroup, and let it go on.</summary>
    public void AfterClone(int pid, bool bornInCgroup)
    {
        CloseChildFds();
        if (_syncWrite < 0) return;
        if (!bornInCgroup) CgroupsAdapter.Join(_cgroup, pid);
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
        foreach (string file in files) _taskFiles.Add((file, OpenOrThrow(file, Linux.O_WRONLY | Linux.O_CLOEXEC)));
    }

    private static int OpenOrThrow(string path, int flags)
    {
        int fd = Sys.Open(path, flags, 0);
        return fd >= 0 ? fd : throw new ShimException(ExitCodes.Failure, $"cgroup {path}: {Errno.Describe(Sys.LastError)}");
    }

    private void CloseChildFds()
    {
        foreach (var (_, fd) in _taskFiles) Sys.Close(fd);
        _taskFiles.Clear();
        Pipe.Close(ref _syncRead);
        Pipe.Close(ref _cgroupFd);
    }
}
