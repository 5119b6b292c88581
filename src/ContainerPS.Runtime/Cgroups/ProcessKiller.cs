using Tmds.Linux;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// SIGKILLs every process of a cgroup that has no cgroup.kill (v1, v2 before Linux 5.14). A process can fork while
/// its siblings die, so this repeats until cgroup.procs is empty, within a bound.
/// </summary>
internal static class ProcessKiller
{
    /// <summary>Rounds of 10 ms: about five seconds for processes stuck in uninterruptible sleep to die.</summary>
    private const int MaxRounds = 500;

    public static void KillAll(Func<IReadOnlyList<int>> processes, string target)
    {
        for (int round = 0; round < MaxRounds; round++)
        {
            var pids = processes();
            if (pids.Count == 0)
            {
                return;
            }

            KillRound(pids, processes);
            Thread.Sleep(10);
        }

        throw new CgroupException(CgroupErrorIds.KillFailed, $"Processes are still in the cgroup '{target}' after repeated SIGKILLs.", target);
    }

    /// <summary>Waits until a cgroup is empty after cgroup.kill, within the same bound.</summary>
    public static void WaitUntilEmpty(Func<IReadOnlyList<int>> processes, string target)
    {
        for (int round = 0; round < MaxRounds; round++)
        {
            if (processes().Count == 0)
            {
                return;
            }

            Thread.Sleep(10);
        }

        throw new CgroupException(CgroupErrorIds.KillFailed, $"Processes are still in the cgroup '{target}' after cgroup.kill.", target);
    }

    /// <summary>
    /// Opens a pidfd for each PID, then re-reads the member list: a PID still listed after its pidfd was opened names
    /// the process the pidfd holds (or one forked inside the cgroup), never a stranger that reused the number.
    /// </summary>
    private static void KillRound(IReadOnlyList<int> pids, Func<IReadOnlyList<int>> processes)
    {
        var pidfds = new List<(int Pid, int Fd)>(pids.Count);
        try
        {
            foreach (int pid in pids)
            {
                int fd = PidFd.Open(pid);
                if (fd >= 0)
                {
                    pidfds.Add((pid, fd));
                }
            }

            var members = processes().ToHashSet();
            foreach (var (pid, fd) in pidfds.Where(p => members.Contains(p.Pid)))
            {
                _ = PidFd.SendSignal(fd, LibC.SIGKILL); // ESRCH: it died on its own meanwhile
            }
        }
        finally
        {
            pidfds.ForEach(p => LibC.close(p.Fd));
        }
    }
}
