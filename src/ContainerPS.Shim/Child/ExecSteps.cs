using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// The end of the setup: default signal dispositions, "ready" to the supervisor, wait for start, [the startContainer hooks], [the seccomp filter], [the reaping init],
/// unblock signals, only fds 0-2 past execve, execve (searching PATH like execvp when args[0] has no slash).
/// </summary>
internal static class ExecSteps
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static void Add(StepList steps, ChildPlanInput input)
    {
        AddDefaultSignals(steps);
        AddPersonality(steps, input.Spec.Linux.Personality);
        if (input.LookUpProgramAtCreate) AddLookUp(steps, input.Spec.Process);
        AddReadyAndWait(steps, input);
        HookSteps.AddStartContainer(steps, input);
        // With no_new_privs the filter needs no privilege: the last step before the launch, before the reaping init
        // forks, so PID 1 is confined too.
        if (input.Spec.Process.NoNewPrivileges) Seccomp.SeccompSteps.Add(steps, input.Seccomp, input.PreservedFds);
        if (input.Init) steps.Add("fork-init", Native.SyscallTable.ForkInit);
        AddLaunch(steps, input.Spec.Process, fdsMarkedBeforeSeccomp: input.Seccomp is not null, input.PreservedFds);
    }

    /// <summary>
    /// linux.personality (config-linux.md, "Personality"): personality(2) with PER_LINUX (0) or PER_LINUX32 (8), so
    /// uname reports a 32-bit machine; inherited across execve. Flags are refused, as the spec defines none yet.
    /// </summary>
    private static void AddPersonality(StepList steps, Runtime.Spec.PersonalitySpec? personality)
    {
        if (personality is null) return;
        long domain = personality.Domain switch
        {
            "LINUX" => 0,
            "LINUX32" => 8,
            var other => throw new ShimException(ExitCodes.Failure, $"linux.personality domain '{other}' is not LINUX or LINUX32"),
        };
        if (personality.Flags is { Count: > 0 }) throw new ShimException(ExitCodes.Failure, $"linux.personality flags are not supported ('{string.Join(", ", personality.Flags)}')");
        steps.Add($"personality-{personality.Domain}", steps.Calls.Personality, domain);
    }

    /// <summary>Every handler back to SIG_DFL: the child is a fork of the supervisor, whose .NET runtime installed some.</summary>
    public static unsafe void AddDefaultSignals(StepList steps)
    {
        long defaultAction = (long)steps.Arena.Allocate(64); // struct sigaction, all zero: SIG_DFL, no flags, empty mask
        for (int signal = 1; signal <= 64; signal++)
        {
            if (signal is SIGKILL or SIGSTOP) continue;
            steps.Add($"default-signal-{signal}", steps.Calls.RtSigaction, signal, defaultAction, 0, 8);
        }
    }

    /// <summary>
    /// Unblock signals, umask 0022, only fds 0-2 (and the <paramref name="preservedFds"/> after them: runc create
    /// --preserve-fds) past execve, execve: the last steps of any process (the container's, or an exec's).
    /// </summary>
    /// <param name="fdsMarkedBeforeSeccomp">A seccomp filter is installed and every fd was marked before it
    /// (SeccompSteps), so a filter that refuses close_range here (EPERM, or ENOSYS) leaves nothing open past execve.</param>
    public static unsafe void AddLaunch(StepList steps, Runtime.Spec.ProcessSpec process, bool fdsMarkedBeforeSeccomp = false, int preservedFds = 0)
    {
        var calls = steps.Calls;
        steps.Add("unblock-signals", calls.RtSigprocmask, SIG_SETMASK, (long)steps.Arena.Allocate(8), 0, 8);
        steps.Add("umask-0022", calls.Umask, 0x12);
        var close = AddMarkFdsCloseOnExec(steps, "close-fds-on-exec", preservedFds);
        if (fdsMarkedBeforeSeccomp) close.Tolerate(EPERM).Tolerate(ENOSYS);
        AddExecve(steps, process);
    }

    /// <summary>close_range(3, ~0, CLOSE_RANGE_CLOEXEC): only 0-2 survive the execve.</summary>
    public static StepHandle AddMarkFdsCloseOnExec(StepList steps, string name, int preservedFds = 0) =>
        steps.Add(name, steps.Calls.CloseRange, 3 + preservedFds, uint.MaxValue, CLOSE_RANGE_CLOEXEC);

    /// <summary>The report {this step's index, errno 0} says "set up, waiting for start" (ChildReport).</summary>
    private static unsafe void AddReadyAndWait(StepList steps, ChildPlanInput input)
    {
        var report = (long*)steps.Arena.Allocate(16);
        report[0] = steps.Count;
        report[1] = 0;
        steps.Add("report-ready", steps.Calls.Write, input.Fds.ErrorWrite, (long)report, 16).RequirePositiveResult();
        long buffer = (long)steps.Arena.Allocate(8);
        steps.Add("wait-for-start", steps.Calls.Read, input.Fds.StartRead, buffer, 1).RequirePositiveResult();
    }

    /// <summary>
    /// access(X_OK) of each candidate as the process's own user (the credentials are set by now), the first that
    /// succeeds ending the search; the last one's failure fails the setup: "step 'look-up /nope' failed: errno 2
    /// (ENOENT): no such file or directory". A directory passes (access allows X_OK on it); its execve fails at start.
    /// </summary>
    private static void AddLookUp(StepList steps, Runtime.Spec.ProcessSpec process)
    {
        var candidates = Candidates(process);
        for (int i = 0; i < candidates.Count; i++)
        {
            var step = steps.Add($"look-up {candidates[i]}", steps.Calls.Faccessat, AT_FDCWD, steps.Str(candidates[i]), X_OK);
            int remaining = candidates.Count - 1 - i;
            if (remaining > 0) step.Tolerate(ENOENT).Tolerate(EACCES).SkipWhenSucceeded(remaining);
        }
    }

    private static void AddExecve(StepList steps, Runtime.Spec.ProcessSpec process)
    {
        long argv = steps.Arena.StringArray(process.Args);
        long envp = steps.Arena.StringArray(process.Env);
        var candidates = Candidates(process);
        for (int i = 0; i < candidates.Count; i++)
        {
            var step = steps.Add($"execve {candidates[i]}", steps.Calls.Execve, steps.Str(candidates[i]), argv, envp);
            // execvp(3): a candidate that is missing or not executable sends the search to the next PATH entry.
            if (i < candidates.Count - 1) step.Tolerate(ENOENT).Tolerate(EACCES);
        }
    }

    /// <summary>args[0] itself when it has a slash; otherwise each PATH directory (the container's PATH, as execvp).</summary>
    public static List<string> Candidates(Runtime.Spec.ProcessSpec process)
    {
        string program = process.Args[0];
        if (program.Contains('/')) return [program];
        string path = process.Env.LastOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..] ?? DefaultPath;
        var candidates = path.Split(':').Select(dir => dir.Length == 0 ? program : $"{dir.TrimEnd('/')}/{program}").Distinct().ToList();
        return candidates.Count > 0 ? candidates : [program];
    }
}
