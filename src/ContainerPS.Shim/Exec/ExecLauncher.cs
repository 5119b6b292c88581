using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Child;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Exec;

/// <summary>
/// Starts one process inside a running container: clone (native/child.c runs <see cref="ExecPlan"/>), the child gets
/// into the container's cgroup (CgroupJoin), and wait for execve (EOF on the CLOEXEC error pipe) or its report.
/// The pid namespace cannot be joined by the child itself (setns(2) CLONE_NEWPID only moves a task's future
/// children), so this thread enters it just around the clone: the child is born in it, and the thread goes back to
/// its own at once (a thread whose pid_ns_for_children differs cannot create threads; clone(2), EINVAL).
/// </summary>
internal static unsafe class ExecLauncher
{
    /// <summary>The running process: its pid (in the host's pid namespace) and a pidfd.</summary>
    /// <param name="dieWithShim">false for runc exec --detach: the process outlives this one (no PR_SET_PDEATHSIG).</param>
    public static (int Pid, int Pidfd) Start(ExecTarget target, ProcessSpec process, ExecStdio stdio, Runtime.Cgroups.Cgroup cgroup, bool dieWithShim = true)
    {
        int namespaces = NamespaceSet.Differing(target.InitPid);
        using var join = CgroupJoin.Prepare(cgroup);
        var error = Pipe.Create();
        var input = new ExecPlanInput
        {
            Process = process, InitPidfd = target.InitPidfd, JoinFlags = namespaces & ~Linux.CLONE_NEWPID,
            CgroupJoin = join, ErrorWrite = error.Write, ShimOnly = [.. join.ParentOnlyFds, error.Read, .. stdio.ShimOnly],
            Stdio = stdio.Child, Rlimits = RlimitPlan.Clamp(process.Rlimits), LastCapability = Supervisor.LastCapability(),
            Terminal = stdio.Channel?.Child, Seccomp = target.Seccomp, DieWithShim = dieWithShim,
        };
        using var steps = ExecPlan.Build(input);
        int pid = -1, pidfd = -1;
        int errorWrite = error.Write;
        try
        {
            (pid, pidfd, bool bornInCgroup) = CloneInPidNamespace(target, steps, error.Write, (namespaces & Linux.CLONE_NEWPID) != 0, join.CgroupFd);
            steps.ReleaseAfterClone();
            Pipe.Close(ref errorWrite); // the child holds the only write end now: EOF when it execs or dies
            stdio.CloseChildEnds();
            join.AfterClone(pid, bornInCgroup);
            if (ChildReport.Read(error.Read) is { } failed) throw Failure(steps, failed);
            return (pid, pidfd);
        }
        catch
        {
            if (pidfd >= 0)
            {
                Sys.PidfdSendSignal(pidfd, Linux.SIGKILL, null, 0);
                ExitStatus.Reap(pidfd);
                Sys.Close(pidfd);
            }
            throw;
        }
        finally
        {
            Pipe.Close(ref errorWrite);
            Sys.Close(error.Read);
        }
    }

    private static (int Pid, int Pidfd, bool InCgroup) CloneInPidNamespace(ExecTarget target, StepList steps, int errorFd, bool joinPid, int cgroupFd)
    {
        if (!joinPid) return ContainerLauncher.Clone(steps, errorFd, 0, cgroupFd);
        int own = Sys.Open("/proc/thread-self/ns/pid_for_children", Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        if (own < 0) throw new ShimException(ExitCodes.Failure, $"open pid_for_children: {Errno.Describe(Sys.LastError)}");
        try
        {
            if (Sys.Setns(target.InitPidfd, Linux.CLONE_NEWPID) != 0)
                throw new ShimException(ExitCodes.Failure, $"setns pid namespace: {Errno.Describe(Sys.LastError)}");
            try { return ContainerLauncher.Clone(steps, errorFd, 0, cgroupFd); }
            finally
            {
                // Not going back would leave this thread unable to start threads: fail loudly rather than later.
                if (Sys.Setns(own, Linux.CLONE_NEWPID) != 0) Environment.FailFast($"setns back to the shim's pid namespace: {Errno.Describe(Sys.LastError)}");
            }
        }
        finally { Sys.Close(own); }
    }

    private static ShimException Failure(StepList steps, ChildReport failed) =>
        new(ExecExitCodes.Of(steps, failed, ExitCodes.Failure), $"step '{steps.NameOf(failed.Step)}' failed: {Errno.Describe(failed.Errno)}");
}
