using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Child;

/// <summary>
/// The namespaces linux.namespaces names by path (config-linux.md, "Namespaces": the runtime MUST place the
/// container process in that namespace), opened by the supervisor before the clone. The child setns(2)s them in
/// runc's order: user first, since the others may be owned by it and joining them needs its capabilities, and mount
/// last, since after it the host's paths are gone. The pid namespace cannot be joined by the child (setns
/// CLONE_NEWPID moves only a task's future children): the supervisor's thread enters it around the clone instead.
/// </summary>
internal sealed class JoinedNamespaces : IDisposable
{
    private static readonly string[] ChildOrder = ["user", "ipc", "uts", "network", "cgroup", "mount"];

    private readonly List<(string Type, int Fd)> _opened = [];

    /// <summary>Opens every path entry (O_CLOEXEC); a path that cannot be opened fails the create, naming it.</summary>
    public static JoinedNamespaces Open(RuntimeSpec spec)
    {
        var joined = new JoinedNamespaces();
        try
        {
            foreach (var ns in spec.Linux.Namespaces.Where(n => !string.IsNullOrEmpty(n.Path)))
            {
                int fd = Sys.Open(ns.Path!, Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
                if (fd < 0) throw new ShimException(ExitCodes.Failure, $"{ns.Type} namespace {ns.Path}: {Errno.Describe(Sys.LastError)}");
                joined._opened.Add((ns.Type, fd));
            }
            return joined;
        }
        catch
        {
            joined.Dispose();
            throw;
        }
    }

    /// <summary>Every fd, which the supervisor closes once the child is cloned (the child has its copies).</summary>
    public IEnumerable<int> Fds => _opened.Select(o => o.Fd);

    public bool Joins(string type) => _opened.Any(o => o.Type == type);

    /// <summary>The child's setns steps, in <see cref="ChildOrder"/>; the nstype argument makes setns check the type (EINVAL).</summary>
    public void AddChildSteps(StepList steps, IEnumerable<string> types)
    {
        foreach (string type in ChildOrder.Where(types.Contains))
        {
            foreach (var (_, fd) in _opened.Where(o => o.Type == type))
            {
                steps.Add($"join-{type}-namespace", steps.Calls.Setns, fd, SpecNamespaces.Flag(type));
            }
        }
    }

    /// <summary>
    /// Runs the clone with this thread in the joined pid namespace, so the child is born in it; the thread goes back
    /// to its own at once (a thread whose pid_for_children differs cannot create threads, clone(2) EINVAL).
    /// </summary>
    public T CloneInPidNamespace<T>(Func<T> clone)
    {
        int pidFd = _opened.Where(o => o.Type == "pid").Select(o => o.Fd).DefaultIfEmpty(-1).First();
        if (pidFd < 0) return clone();
        int own = Sys.Open("/proc/thread-self/ns/pid_for_children", Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        if (own < 0) throw new ShimException(ExitCodes.Failure, $"open pid_for_children: {Errno.Describe(Sys.LastError)}");
        try
        {
            if (Sys.Setns(pidFd, Linux.CLONE_NEWPID) != 0)
                throw new ShimException(ExitCodes.Failure, $"join the pid namespace: {Errno.Describe(Sys.LastError)}");
            try { return clone(); }
            finally
            {
                if (Sys.Setns(own, Linux.CLONE_NEWPID) != 0) Environment.FailFast($"setns back to the supervisor's pid namespace: {Errno.Describe(Sys.LastError)}");
            }
        }
        finally { Sys.Close(own); }
    }

    public void Dispose()
    {
        foreach (var (_, fd) in _opened) Sys.Close(fd);
        _opened.Clear();
    }
}
