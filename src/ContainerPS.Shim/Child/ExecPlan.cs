using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// The setup of a process that `exec` starts in a running container (runc's setns init): get into the cgroup,
/// not dumpable, join the init's namespaces, stdio (or a pty of the container's with --tty), then the same credential and launch steps as the container's own
/// process. It is born in the container's pid namespace already (Exec/ExecLauncher), so it never needs a second fork.
/// </summary>
internal static class ExecPlan
{
    public static StepList Build(ExecPlanInput input)
    {
        var steps = new StepList(Native.SyscallTable.Current);
        try
        {
            AddJoin(steps, input);
            CredentialSteps.Add(steps, input.Process, input.Rlimits, input.LastCapability, makeWorkingDirectory: false, input.Seccomp);
            // Again after the uid switch, which clears it (prctl(2), PR_SET_PDEATHSIG): if the shim is killed (the
            // engine cancels an exec that way), the process dies with it instead of running on in the container unwatched.
            if (input.DieWithShim) steps.Add("still-die-with-the-shim", steps.Calls.Prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
            ExecSteps.AddDefaultSignals(steps);
            // The init's own filter (saved by the supervisor at create), installed where the init's was.
            if (input.Process.NoNewPrivileges) Seccomp.SeccompSteps.Add(steps, input.Seccomp);
            ExecSteps.AddLaunch(steps, input.Process, fdsMarkedBeforeSeccomp: input.Seccomp is not null);
            return steps;
        }
        catch
        {
            steps.Dispose();
            throw;
        }
    }

    private static void AddJoin(StepList steps, ExecPlanInput input)
    {
        var calls = steps.Calls;
        foreach (int fd in input.ShimOnly) steps.Add($"close-shim-fd-{fd}", calls.Close, fd).Tolerate(EBADF);
        // From the start, so no window is left in which the shim could die and the process run on (set again after
        // the uid switch below).
        if (input.DieWithShim) steps.Add("die-with-the-shim", calls.Prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        input.CgroupJoin.AddChildSteps(steps);
        // Inherited from the shim already; said again because everything after this runs inside the container.
        steps.Add("set-not-dumpable", calls.Prctl, PR_SET_DUMPABLE, 0);
        // setns(2) on a pidfd: all namespaces in one call; the mount namespace's join also moves root and cwd to the
        // container's root. The cgroup namespace comes after the cgroup join, so the container's cgroup is its /.
        if (input.JoinFlags != 0) steps.Add("setns-container", calls.Setns, input.InitPidfd, input.JoinFlags);
        for (int target = 0; target < 3; target++)
        {
            if (input.Stdio[target] is int source) steps.Add($"stdio-{target}", calls.Dup3, source, target, 0);
        }
        // After the setns: /dev/ptmx is the container's, so the slave is a /dev/pts/N that exists in there.
        TerminalSteps.Add(steps, input.Terminal);
    }
}
