using ContainerPS.Runtime.Spec;
using ContainerPS.Shim.Child;
using ContainerPS.Shim.Logging;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// The container process's stdin, stdout and stderr, as the supervisor sets them up before the clone: pipes into the
/// json-file log (io.containerps.log.path), a pty (process.terminal), or the caller's own (runc's pass-through:
/// runc/docs/terminals.md). It owns the supervisor's side: the log pumps and the terminal host.
/// </summary>
internal sealed unsafe class ContainerStdio : IDisposable
{
    private readonly List<LogPump> _logs = [];
    private readonly SupervisorOptions _options;
    private readonly LogRotation _rotation;
    private JsonFileLogWriter? _logWriter;

    private ContainerStdio(SupervisorOptions options, LogRotation rotation)
    {
        _options = options;
        _rotation = rotation;
    }

    /// <summary>The child's fds 0-2 (null: the slave of its own pty, or the supervisor's fd).</summary>
    public int?[] ChildFds { get; private set; } = [null, null, null];

    public IReadOnlyList<LogPump> Logs => _logs;

    public TerminalHost? Terminal { get; private set; }

    public ChildTerminal? ChildTerminal { get; private set; }

    /// <param name="childOnly">Gets the fds the child keeps and the supervisor closes after the clone.</param>
    /// <param name="supervisorOnly">Gets the fds the child must not inherit.</param>
    public static ContainerStdio Prepare(RuntimeSpec spec, SupervisorOptions options, List<int> childOnly, List<int> supervisorOnly)
    {
        var stdio = new ContainerStdio(options, LogRotation.From(spec.Annotations));
        string? logPath = spec.Annotations?.GetValueOrDefault(Annotations.LogPath);
        stdio.ChildFds = spec.Process.Terminal
            ? stdio.PrepareTerminal(logPath, childOnly, supervisorOnly)
            : stdio.PrepareStreams(logPath, childOnly, supervisorOnly);
        stdio.TakeCallerFds(childOnly);
        return stdio;
    }

    /// <summary>
    /// The caller's fds (create only) are the child's to keep: the supervisor closes its copies after the clone, so
    /// the caller's pipes see EOF when the container's process is done with them, not when the supervisor is. The
    /// caller's stdio not used (log annotation, terminal) is closed at once.
    /// </summary>
    private void TakeCallerFds(List<int> childOnly)
    {
        for (int fd = 3; fd < 3 + _options.PreservedFds; fd++) childOnly.Add(fd);
        if (_options.CallerStdio is not { } caller) return;
        foreach (int fd in caller.Where(fd => fd >= 0))
        {
            if (ChildFds.Contains(fd)) childOnly.Add(fd);
            else Sys.Close(fd);
        }
    }

    /// <summary>
    /// With io.containerps.log.path: stdout and stderr are pipes the supervisor reads, stdin is /dev/null.
    /// Without it the container's stdio is its caller's: `create`'s caller's, kept by native/detach.c (/dev/null for
    /// one the caller had closed), or for `run` the supervisor's own.
    /// </summary>
    private int?[] PrepareStreams(string? logPath, List<int> childOnly, List<int> supervisorOnly)
    {
        if (string.IsNullOrEmpty(logPath)) return CallerStdio(childOnly);
        _logWriter = new JsonFileLogWriter(logPath, _rotation);
        int devNull = Sys.Open("/dev/null", Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        var stdout = Pipe.Create();
        var stderr = Pipe.Create();
        _logs.Add(new LogPump(stdout.Read, "stdout", _logWriter));
        _logs.Add(new LogPump(stderr.Read, "stderr", _logWriter));
        childOnly.AddRange([devNull, stdout.Write, stderr.Write]);
        supervisorOnly.AddRange([stdout.Read, stderr.Read]);
        return [devNull, stdout.Write, stderr.Write];
    }

    private int?[] CallerStdio(List<int> childOnly)
    {
        if (_options.CallerStdio is not { } caller) return [null, null, null];
        if (caller.All(fd => fd >= 0)) return [caller[0], caller[1], caller[2]];
        int devNull = Sys.Open("/dev/null", Linux.O_RDWR | Linux.O_CLOEXEC, 0);
        if (devNull < 0) throw new ShimException(ExitCodes.Failure, $"open /dev/null: {Errno.Describe(Sys.LastError)}");
        childOnly.Add(devNull);
        return [.. caller.Select(fd => (int?)(fd >= 0 ? fd : devNull))];
    }

    /// <summary>
    /// process.terminal: the child makes its own pty (TerminalSteps) and sends the master back; its stdio is the
    /// slave, so the supervisor's stdio stays untouched here. The output is logged while no client is attached.
    /// </summary>
    private int?[] PrepareTerminal(string? logPath, List<int> childOnly, List<int> supervisorOnly)
    {
        if (!string.IsNullOrEmpty(logPath)) _logWriter = new JsonFileLogWriter(logPath, _rotation);
        Terminal = new TerminalHost(_logWriter, _options.ConsoleSocket);
        ChildTerminal = Terminal.PrepareForChild(childOnly, supervisorOnly);
        return [null, null, null];
    }

    /// <summary>
    /// Writes what is left in the pipes and the pty. Everything in the cgroup is dead, so EOF comes at once; a process
    /// outside it that still holds a pipe (passed on through a unix socket, say) cannot keep the supervisor alive:
    /// 1 s idle ends it.
    /// </summary>
    public void Drain()
    {
        foreach (var log in _logs)
        {
            var fd = new PollFd { Fd = log.Fd, Events = Linux.POLLIN };
            while (log.Open && Sys.Poll(&fd, 1, 1000) > 0 && log.Pump()) fd.Revents = 0;
            log.Dispose();
        }
        Terminal?.Finish();
    }

    public void Dispose()
    {
        foreach (var log in _logs) log.Dispose();
        Terminal?.Dispose();
        _logWriter?.Dispose();
    }
}
