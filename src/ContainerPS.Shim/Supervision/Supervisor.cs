using ContainerPS.Runtime.Spec;
using ContainerPS.Runtime.State;
using ContainerPS.Shim.Child;
using ContainerPS.Shim.Exec;
using ContainerPS.Shim.Logging;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.Ports;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// One container's life: create (cgroup, clone, join, wait until the child is ready), wait for start, supervise
/// (logs, the exec report, the pidfd), and record the end (exit code, OOM kill) before cleaning up its cgroup.
/// The state directory stays for `delete`. Failures while creating leave nothing behind.
/// A container that needs no monitor (MonitorNeed) is only created: the supervisor exits once it is, and `start`,
/// `delete` and the caller that reaps the init do the rest (docs/runtime-contract.md "Runtime and monitor").
/// </summary>
internal sealed unsafe class Supervisor(SupervisorOptions options) : IDisposable
{
    private readonly StateDirectory _state = options.State;
    private readonly CgroupsAdapter _cgroups = new();
    private RuntimeSpec _spec = null!;
    private ContainerState _record = null!;
    private StepList? _steps;
    private ContainerStdio? _stdio;
    private string? _cgroupPath;
    private PortProxy? _ports;
    private int _pidfd = -1, _errorRead = -1, _startWrite = -1, _startFifo = -1;
    private bool _released, _reported, _monitored = true;
    private string? _execError;
    private int? _execExitCode;

    /// <summary>Why the process could not be executed after start (execve failed), if it could not.</summary>
    public string? ExecError => _execError;

    /// <summary>Runs the container to its end and returns its exit code.</summary>
    public int Run()
    {
        Create();
        // Started at once (create --start): the caller hears back when the process runs or could not be executed.
        if (!options.StartImmediately) SendReport(ExitCodes.Success, "created");
        return _monitored ? Supervise() : ExitCodes.Success;
    }

    /// <summary>Forwards a signal to the container's init (`run` forwards the ones it receives).</summary>
    public void Forward(int signal)
    {
        int pidfd = _pidfd;
        if (pidfd >= 0) Sys.PidfdSendSignal(pidfd, signal, null, 0);
    }

    private void Create()
    {
        _spec = BundleLoader.Load(options.Bundle);
        // runc refuses it too: without process.terminal no console exists to send (runc/docs/terminals.md).
        if (options.ConsoleSocket is not null && !_spec.Process.Terminal)
            throw new ShimException(ExitCodes.Usage, "--console-socket needs process.terminal: true in config.json (no console is made without it)");
        _monitored = MonitorNeed.Of(_spec, options);
        _state.Create();
        try { CreateContainer(); }
        catch
        {
            Abandon();
            throw;
        }
    }

    private void CreateContainer()
    {
        // The filter first: a profile libseccomp refuses fails the create before anything exists.
        var seccomp = _spec.Linux.Seccomp is { } profile ? Seccomp.SeccompFilterCache.Compile(profile) : null;
        // Published ports next, as docker-proxy binds them before the container starts: one in use fails the create.
        _ports = PortProxy.Bind(PortSpec.FromAnnotations(_spec.Annotations));
        _record = new ContainerState
        {
            Id = _state.Id, Status = ContainerStatus.Creating, Bundle = options.Bundle, Annotations = _spec.Annotations,
            SupervisorPid = Sys.Getpid(), SupervisorStartTime = ProcessIdentity.StartTime(Sys.Getpid()) ?? 0,
            PublishedPorts = _ports.Published,
        };
        Record();
        _cgroupPath = CgroupsAdapter.PathFor(_spec, _state.Id);
        _state.WriteCgroupPath(_cgroupPath);
        if (seccomp is not null) _state.WriteSeccompFilter(seccomp);
        var cgroup = _cgroups.Create(_cgroupPath, _spec.Linux.Resources);
        using var join = CgroupJoin.Prepare(cgroup);
        var channels = _monitored ? ReleaseChannels.Pipes() : ReleaseChannels.Fifos(_state);
        var childOnly = new List<int> { channels.ErrorWrite, channels.StartRead };
        var supervisorOnly = new List<int> { channels.ErrorRead };
        if (channels.StartWrite >= 0) supervisorOnly.Add(channels.StartWrite);
        supervisorOnly.AddRange(join.ParentOnlyFds);
        supervisorOnly.AddRange(_ports.ListeningFds);
        _stdio = ContainerStdio.Prepare(_spec, options, childOnly, supervisorOnly);
        if (options.Report is { } report) supervisorOnly.Add(report.FileDescriptor);
        if (!options.StartImmediately && _monitored) supervisorOnly.Add(_startFifo = OpenStartFifo());
        using var joined = JoinedNamespaces.Open(_spec);
        using var userNamespace = UserNamespaceMapping.Prepare(_spec);
        if (userNamespace is not null) supervisorOnly.Add(userNamespace.SupervisorFd);
        using var hooks = Hooks.CreateHooks.Prepare(_spec, _state, options.Bundle, childOnly, supervisorOnly);
        _steps = ChildPlan.Build(new ChildPlanInput
        {
            Spec = _spec, RootfsPath = BundleLoader.RootfsPath(_spec, options.Bundle), BundlePath = options.Bundle,
            CgroupV2 = _cgroups.IsV2, Fds = new ChildFds(channels.ErrorWrite, channels.StartRead, _stdio.ChildFds, supervisorOnly),
            Rlimits = RlimitPlan.Clamp(_spec.Process.Rlimits), LastCapability = LastCapability(),
            Init = _spec.Annotations?.GetValueOrDefault(Annotations.Init) == "true", Joined = joined, UserNamespace = userNamespace,
            Terminal = _stdio.ChildTerminal, CgroupJoin = join, Seccomp = seccomp?.Filter, PreservedFds = options.PreservedFds,
            Hooks = hooks.Child,
            LookUpProgramAtCreate = !_monitored,
        });
        _startWrite = channels.StartWrite;
        _errorRead = channels.ErrorRead;
        if (options.StartImmediately) Release();
        (int pid, _pidfd, bool bornInCgroup) = joined.CloneInPidNamespace(
            () => ContainerLauncher.Clone(_steps, channels.ErrorWrite, SpecNamespaces.CloneFlags(_spec) | ParentFlag(), join.CgroupFd));
        _record = _record with { Pid = pid };
        _steps.ReleaseAfterClone();
        foreach (int fd in childOnly) Sys.Close(fd);
        join.AfterClone(pid, bornInCgroup);
        userNamespace?.AfterClone(pid);
        hooks.AfterClone(_record);
        var ready = ChildReport.Read(_errorRead);
        if (ready is not { IsReady: true }) throw new ShimException(ExitCodes.Failure, Describe(ready));
        _stdio.Terminal?.Start(_state);
        _record = _record with
        {
            Status = ContainerStatus.Created, PidStartTime = ProcessIdentity.StartTime(pid) ?? 0, Created = DateTimeOffset.UtcNow,
        };
        if (!_monitored) RecordUnmonitored();
        Record();
        PidFile.Write(options.PidFile, pid);
    }

    /// <summary>No process of ours stays: the record says so (supervisorPid 0) and names the steps for `start`.</summary>
    private void RecordUnmonitored()
    {
        _record = _record with { SupervisorPid = 0, SupervisorStartTime = 0 };
        _state.WriteStepNames(_steps!.Names);
    }

    /// <summary>
    /// runc's callers (containerd-shim-runc-v2, conmon: they pass --pid-file) learn that the container ended by
    /// reaping the pid in the pid file, as child subreapers: runc's init is their child once runc exits. An
    /// unmonitored init (or one created with a pid file) is therefore cloned with CLONE_PARENT, the child of
    /// `create`'s own process, which exits at once, so it is reparented to the caller's reaper. A monitor then still
    /// sees the end (the pidfd polls readable) but not the status (state.json's exitCode stays null); the engine,
    /// which passes no pid file, keeps the init as the monitor's child and its exit code.
    /// </summary>
    private int ParentFlag() => !_monitored || (options.PidFile is not null && options.Report is not null) ? Linux.CLONE_PARENT : 0;

    /// <summary>`start` writes a byte here; the supervisor keeps it open read-write so it never sees EOF.</summary>
    private int OpenStartFifo()
    {
        if (Sys.Mkfifo(_state.StartFifo, 0x180) != 0) throw new ShimException(ExitCodes.Failure, $"mkfifo {_state.StartFifo}: {Errno.Describe(Sys.LastError)}");
        int fd = Sys.Open(_state.StartFifo, Linux.O_RDWR | Linux.O_NONBLOCK | Linux.O_CLOEXEC, 0);
        if (fd < 0) throw new ShimException(ExitCodes.Failure, $"open {_state.StartFifo}: {Errno.Describe(Sys.LastError)}");
        return fd;
    }

    internal static int LastCapability() =>
        int.TryParse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim(), out int last) ? last : 40;

    private string Describe(ChildReport? report) => report is { } failed
        ? $"step '{_steps!.NameOf(failed.Step)}' failed: {Errno.Describe(failed.Errno)}"
        : "the container's setup ended without a report";

    private void Release()
    {
        if (_released) return;
        Pipe.WriteByte(_startWrite);
        Pipe.Close(ref _startWrite);
        _released = true;
    }

    private int Supervise()
    {
        _ports?.Start();
        var logs = _stdio!.Logs;
        var fds = stackalloc PollFd[3 + logs.Count + TerminalHost.PollFdCount];
        while (true)
        {
            int count = 0;
            fds[count++] = new PollFd { Fd = _pidfd, Events = Linux.POLLIN };
            fds[count++] = new PollFd { Fd = _errorRead, Events = Linux.POLLIN }; // -1 is ignored by poll
            fds[count++] = new PollFd { Fd = _released ? -1 : _startFifo, Events = Linux.POLLIN };
            foreach (var log in logs) fds[count++] = new PollFd { Fd = log.Fd, Events = Linux.POLLIN };
            int terminalFds = count;
            _stdio.Terminal?.AddPollFds(fds, ref count);
            if (Sys.Poll(fds, (nuint)count, -1) < 0)
            {
                if (Sys.LastError == Linux.EINTR) continue;
                throw new ShimException(ExitCodes.Failure, $"poll: {Errno.Describe(Sys.LastError)}");
            }
            if (fds[2].Revents != 0) OnStartRequest();
            if (fds[1].Revents != 0) OnChildReport();
            for (int i = 0; i < logs.Count; i++) if (fds[3 + i].Revents != 0) logs[i].Pump();
            _stdio.Terminal?.OnPoll(fds + terminalFds);
            if (fds[0].Revents != 0) return Finish(ExitStatus.TryReap(_pidfd));
        }
    }

    private void OnStartRequest()
    {
        byte* buffer = stackalloc byte[64];
        while (Sys.Read(_startFifo, buffer, 64) > 0) { }
        Release();
    }

    /// <summary>EOF after the release: execve succeeded (the pipe is CLOEXEC). A report: execve failed.</summary>
    private void OnChildReport()
    {
        var report = ChildReport.Read(_errorRead);
        Pipe.Close(ref _errorRead);
        if (report is { } failed)
        {
            _execError = Describe(failed);
            // The child exits 127 whatever failed; the container's exit code says which (docker run's 126 or 127).
            _execExitCode = ExecExitCodes.Of(_steps!, failed, ExitCodes.Failure);
        }
        else if (_released)
        {
            _record = _record with { Status = ContainerStatus.Running, Started = DateTimeOffset.UtcNow };
            Record();
            if (options.StartImmediately) Hooks.SavedHooks.RunPoststart(_state, _record);
        }

        if (_execError is { } error) SendReport(_execExitCode ?? ExitCodes.Failure, error);
        else SendReport(ExitCodes.Success, "running");
    }

    /// <summary>Tells `create` how creation went, once; later calls do nothing.</summary>
    private void SendReport(int exitCode, string message)
    {
        if (_reported) return;
        _reported = true;
        options.Report?.Send(exitCode, message);
    }

    /// <summary>
    /// The init has exited: kill what is left in the cgroup (a container without a pid namespace can leave
    /// processes that hold the log pipes), write the last output, read the OOM counter, remove the cgroup, record.
    /// </summary>
    private int Finish(int? exitCode)
    {
        Pipe.Close(ref _pidfd);
        var cgroup = _cgroups.Open(_cgroupPath!);
        cgroup.KillAll();
        _ports?.Dispose();
        _stdio!.Drain();
        bool oomKilled = cgroup.OomKilled();
        cgroup.Remove();
        ExitStatus.ReapOrphans();
        Pipe.Close(ref _startFifo);
        File.Delete(_state.StartFifo);
        // Last: once state.json says stopped, `delete` may remove the directory.
        _record = _record with
        {
            Status = ContainerStatus.Stopped, ExitCode = _execExitCode ?? exitCode, OomKilled = oomKilled, Finished = DateTimeOffset.UtcNow,
            Error = _execError,
        };
        Record();
        return exitCode ?? ExitCodes.Success;
    }

    /// <summary>
    /// state.json, and first its durable copy when the engine asked for one (Annotations.StateCopy): the final
    /// state is synced, so a reader that sees "stopped" in /run finds the same in the store.
    /// </summary>
    private void Record()
    {
        if (_spec.Annotations?.GetValueOrDefault(Annotations.StateCopy) is { Length: > 0 } copy)
            StateCopy.Write(copy, _record, sync: _record.Status == ContainerStatus.Stopped);
        _state.Write(_record);
    }

    /// <summary>Creating failed: kill the child, remove the cgroup and the state directory.</summary>
    private void Abandon()
    {
        _ports?.Dispose();
        if (_pidfd >= 0)
        {
            Sys.PidfdSendSignal(_pidfd, Linux.SIGKILL, null, 0);
            ExitStatus.TryReap(_pidfd);
            Pipe.Close(ref _pidfd);
        }
        try
        {
            if (_cgroupPath is not null) _cgroups.Destroy(_cgroupPath);
        }
        finally { _state.Delete(); }
    }

    public void Dispose()
    {
        _stdio?.Dispose();
        _ports?.Dispose();
        _steps?.Dispose();
        Pipe.Close(ref _errorRead);
        Pipe.Close(ref _startWrite);
        Pipe.Close(ref _startFifo);
        Pipe.Close(ref _pidfd);
    }
}
