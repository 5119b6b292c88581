using ContainerPS.Shim.Native;
using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>The first steps: let go of the supervisor's fds, get into the cgroups, stdio, join and make namespaces.</summary>
internal static class PrologueSteps
{
    public static unsafe void Add(StepList steps, ChildPlanInput input)
    {
        var calls = steps.Calls;
        foreach (int fd in input.Fds.SupervisorOnly) steps.Add($"close-supervisor-fd-{fd}", calls.Close, fd).Tolerate(EBADF);
        input.CgroupJoin.AddChildSteps(steps);
        // After the cgroup join, which a v1 tasks file allows only while the child is still the host's root.
        input.UserNamespace?.AddChildSteps(steps);
        // The host binary is this process's /proc/<pid>/exe until execve: keep it unreachable (CVE-2019-5736; init.c).
        steps.Add("set-not-dumpable", calls.Prctl, PR_SET_DUMPABLE, 0);
        // Modes below are exact (device nodes 0666, directories 0755); ExecSteps restores 0022 before execve.
        steps.Add("umask-0", calls.Umask, 0);
        for (int target = 0; target < 3; target++)
        {
            if (input.Fds.Stdio[target] is int source) steps.Add($"stdio-{target}", calls.Dup3, source, target, 0);
        }
        if (input.Spec.Process.OomScoreAdj is int oomScoreAdj)
        {
            // config.md "oomScoreAdj"; through the host's /proc, before any namespace join changes what /proc is.
            SysctlSteps.AddWrite(steps, "/proc/self/oom_score_adj", oomScoreAdj.ToString(System.Globalization.CultureInfo.InvariantCulture), "oom-score-adj");
        }
        AddNamespaces(steps, input);
    }

    /// <summary>
    /// Joins come before anything is mounted: sysfs shows the devices of the network namespace of whoever mounts it,
    /// and the joined mount namespace is where the rootfs is set up. The cgroup namespace is unshared only after the
    /// cgroup join, so the container sees its own cgroup as / (launcher-feasibility.md §7); a joined one is entered
    /// in JoinedNamespaces' order (user first, mount last).
    /// </summary>
    private static void AddNamespaces(StepList steps, ChildPlanInput input)
    {
        var spec = input.Spec;
        input.Joined?.AddChildSteps(steps, ["user"]);
        if (input.Joined?.Joins("user") == true)
        {
            // Root of the joined namespace, as in a new one (UserNamespaceMapping): the setup's files need an owner there.
            steps.Add("setresgid-user-namespace-root", steps.Calls.Setresgid, 0, 0, 0);
            steps.Add("setresuid-user-namespace-root", steps.Calls.Setresuid, 0, 0, 0);
        }
        input.Joined?.AddChildSteps(steps, ["ipc", "uts", "network", "cgroup"]);
        if (SpecNamespaces.Creates(spec, "cgroup")) steps.Add("unshare-cgroup-namespace", steps.Calls.Unshare, CLONE_NEWCGROUP);
        input.Joined?.AddChildSteps(steps, ["mount"]);
        // The engine has set a joined network namespace up already, loopback included.
        if (SpecNamespaces.Creates(spec, "network")) AddLoopbackUp(steps);
    }

    /// <summary>A new network namespace has lo down; docker's --network none shows it up (SIOCSIFFLAGS on a socket).</summary>
    private static unsafe void AddLoopbackUp(StepList steps)
    {
        const int socketSlot = 0;
        byte* request = steps.Arena.Allocate(40); // struct ifreq: name[16], then flags
        request[0] = (byte)'l';
        request[1] = (byte)'o';
        *(short*)(request + 16) = IFF_UP | IFF_LOOPBACK | IFF_RUNNING;
        var calls = steps.Calls;
        steps.Add("socket-for-loopback", calls.Socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0).SaveResult(socketSlot);
        steps.Add("loopback-up", calls.Ioctl, 0, SIOCSIFFLAGS, (long)request).LoadArgument(0, socketSlot);
        steps.Add("close-loopback-socket", calls.Close, 0).LoadArgument(0, socketSlot);
    }
}
