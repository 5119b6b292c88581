namespace ContainerPS.Shim.Cli;

/// <summary>
/// runc's command line shape: global options, a command, its options, then positionals (runc's man pages,
/// runc(8) and runc-create(8) ...). Global options are accepted after the command too, as the shim always did.
/// <c>containerps-shim [--root R] [--log F] [--log-format text|json] [--debug] COMMAND [OPTIONS] ID [ARGS]</c>
/// </summary>
internal sealed record CommandLine
{
    public const string Usage =
        "usage: containerps-shim [--root DIR] [--log FILE] [--log-format text|json] [--debug] COMMAND ...\n" +
        "  create [--start] [--wait-for-bundle] --bundle DIR [--pid-file F] [--console-socket S] [--preserve-fds N] ID\n" +
        "                             set the container up; it waits for start (--start: runs it at once).\n" +
        "                             --wait-for-bundle: the supervisor starts at once but reads the bundle only\n" +
        "                             after a byte arrives on stdin (EOF: it gives up, nothing is created), so a\n" +
        "                             caller can start it while still writing the bundle\n" +
        "  start ID                   run the created container's process\n" +
        "  state ID                   print its state (runtime.md State)\n" +
        "  kill [--all] ID [SIGNAL]   signal its init (--all: every process in its cgroup; default TERM)\n" +
        "  delete [--force] ID        remove a stopped container (--force kills it first)\n" +
        "  ps [--format table|json] ID  the pids in its cgroup\n" +
        "  pause ID | resume ID       freeze or thaw its cgroup\n" +
        "  run [--rm] --bundle DIR ID create, start, wait; exit with the container's code\n" +
        "  attach [--start] ID        connect this terminal to its pty (process.terminal); ctrl-p ctrl-q detaches;\n" +
        "                             exits with the container's code when its process exits (--start: attach\n" +
        "                             to a created container, then start it)\n" +
        "  exec [--process FILE | ID CMD ARGS...] [--status-file F] [--tty] [--detach] [--pid-file F] [--cwd D]\n" +
        "       [--env K=V] [--user UID[:GID]] [--cap CAP] ID\n" +
        "                             run a process in the running container, sharing this stdio (--tty or\n" +
        "                             process.terminal: on a pty of the container's, proxied to this stdio); exit with\n" +
        "                             its code. The status file says 'exited N', or 'failed CODE REASON' when it never\n" +
        "                             ran (CODE: 3 no such container, 4 not running, 126 cannot execute, 127 not found)\n" +
        "  update [--resources FILE|-] [--memory N] [--memory-reservation N] [--memory-swap N] [--cpu-share N]\n" +
        "       [--cpu-quota N] [--cpu-period N] [--cpu-rt-period N] [--cpu-rt-runtime N] [--cpuset-cpus S]\n" +
        "       [--cpuset-mems S] [--pids-limit N] [--blkio-weight N] ID\n" +
        "                             change a live container's cgroup limits (sizes: 64m, 1g, -1 unlimited)\n" +
        "  events [--stats] [--interval 5s] ID  its stats as JSON every interval, and oom events, until it ends\n" +
        "                             (--stats: one stats event)\n" +
        "  features                   print what this runtime implements (runtime-spec features.md) as JSON\n";

    public string Root { get; private set; } = State.StateDirectory.DefaultRoot;
    public string Command { get; private set; } = "";
    public string? Bundle { get; private set; }
    public bool Force { get; private set; }
    public bool Remove { get; private set; }
    public bool Start { get; private set; }
    public IReadOnlyList<string> Arguments => _positional;
    public string? ProcessFile { get; private set; }
    public string? StatusFile { get; private set; }
    public bool Tty { get; private set; }
    public bool WaitForBundle { get; private set; }

    /// <summary>--log FILE: where errors (and with --debug, more) are written as runc writes them; null for none.</summary>
    public string? LogFile { get; private set; }
    public string LogFormat { get; private set; } = "text";
    public bool Debug { get; private set; }
    public bool SystemdCgroup { get; private set; }
    public string? PidFile { get; private set; }
    public string? ConsoleSocket { get; private set; }
    public int PreserveFds { get; private set; }
    public bool All { get; private set; }
    public bool Detach { get; private set; }
    public string Format { get; private set; } = "table";
    public string? Cwd { get; private set; }
    public List<string> Env { get; } = [];
    public string? User { get; private set; }
    public List<string> Caps { get; } = [];
    public string? Resources { get; private set; }
    public bool Stats { get; private set; }

    /// <summary>events --interval: Go's duration syntax (runc-events(8)); 5 s by default.</summary>
    public TimeSpan Interval { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>update's resource options (runc-update(8)) by name without the dashes, read by ResourceFlags.</summary>
    public Dictionary<string, string> ResourceOptions { get; } = new(StringComparer.Ordinal);

    private readonly List<string> _positional = [];

    public string Id => Arguments.Count > 0 ? Arguments[0] : throw new ShimException(ExitCodes.Usage, $"{Command}: a container id is required\n{Usage}");

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            // `exec ID CMD ARGS...`: everything after the command's first word is the process's own (runc exec).
            if (line.Command == "exec" && line._positional.Count > 0)
            {
                line._positional.Add(arg);
                continue;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('='))
            {
                int eq = arg.IndexOf('=');
                line.Apply(arg[..eq], () => arg[(eq + 1)..]);
                continue;
            }
            if (arg.StartsWith('-') && arg.Length > 1 && !char.IsAsciiDigit(arg[1]))
            {
                line.Apply(arg, () => i + 1 < args.Count ? args[++i] : throw new ShimException(ExitCodes.Usage, $"{arg} needs a value"));
                continue;
            }
            if (line.Command == "") line.Command = arg;
            else line._positional.Add(arg);
        }
        if (line.Command == "") throw new ShimException(ExitCodes.Usage, Usage);
        line.Root = Path.GetFullPath(line.Root);
        if (line.Bundle is not null) line.Bundle = Path.GetFullPath(line.Bundle);
        if (line.ProcessFile is not null) line.ProcessFile = Path.GetFullPath(line.ProcessFile);
        if (line.StatusFile is not null) line.StatusFile = Path.GetFullPath(line.StatusFile);
        if (line.PidFile is not null) line.PidFile = Path.GetFullPath(line.PidFile);
        return line;
    }

    /// <summary>One option; <paramref name="value"/> takes its value (the next word, or after '=').</summary>
    private void Apply(string option, Func<string> value)
    {
        switch (option)
        {
            case "--root": Root = value(); return;
            case "--log": LogFile = value(); return;
            case "--log-format": LogFormat = LogFormatValue(value()); return;
            case "--debug": Debug = true; return;
            // runc's global --systemd-cgroup: recorded; the commands that make cgroups refuse it (SystemdCgroup.cs).
            case "--systemd-cgroup": SystemdCgroup = true; return;
            // runc's --criu PATH and --rootless true|false|auto: accepted; checkpoint is refused, root is required.
            case "--criu" or "--rootless": value(); return;
            case "--help" or "-h": throw new ShimException(ExitCodes.Success, Usage);
        }
        if (!ApplyCommandOption(option, value)) throw new ShimException(ExitCodes.Usage, $"unknown option {option}\n{Usage}");
    }

    private bool ApplyCommandOption(string option, Func<string> value)
    {
        switch (option)
        {
            case "--bundle" or "-b": Bundle = value(); break;
            case "--force": Force = true; break;
            case "-f" when Command == "ps": Format = FormatValue(value()); break;
            case "-f": Force = true; break;
            case "--format": Format = FormatValue(value()); break;
            case "--rm": Remove = true; break;
            case "--process" or "-p": ProcessFile = value(); break;
            case "--status-file": StatusFile = value(); break;
            case "--start": Start = true; break;
            case "--wait-for-bundle": WaitForBundle = true; break;
            case "--tty" or "-t": Tty = true; break;
            case "--pid-file": PidFile = value(); break;
            case "--console-socket": ConsoleSocket = Path.GetFullPath(value()); break;
            case "--preserve-fds": PreserveFds = CountValue(value()); break;
            case "--all" or "-a": All = true; break;
            case "--detach" or "-d": Detach = true; break;
            case "--cwd": Cwd = value(); break;
            case "--env" or "-e": Env.Add(value()); break;
            case "--user" or "-u": User = value(); break;
            case "--cap" or "-c": Caps.Add(value()); break;
            case "--resources" or "-r": Resources = value(); break;
            case "--stats": Stats = true; break;
            case "--interval": Interval = GoDuration.Parse(value(), option); break;
            case var name when Command == "update" && ResourceFlags.Names.Contains(name): ResourceOptions[name[2..]] = value(); break;
            // runc's options that change nothing here; each says why where it is read (README, "runc compatibility").
            case "--no-pivot" or "--no-new-keyring" or "--no-subreaper" or "--keep" or "--ignore-paused" or "--no-new-privs": break;
            case "--process-label" or "--apparmor" or "--additional-gids" or "-g" or "--cgroup": value(); break;
            default: return false;
        }
        return true;
    }

    private static string LogFormatValue(string text) => text is "text" or "json" ? text
        : throw new ShimException(ExitCodes.Usage, $"--log-format: unknown format '{text}' (text or json)");

    private static string FormatValue(string text) => text is "table" or "json" ? text
        : throw new ShimException(ExitCodes.Usage, $"--format: unknown format '{text}' (table or json)");

    /// <summary>The same bounds as native/detach.c, which detached (or not) by them already.</summary>
    private static int CountValue(string text) => int.TryParse(text, System.Globalization.NumberStyles.None, null, out int n) && n <= 4096 ? n
        : throw new ShimException(ExitCodes.Usage, $"--preserve-fds: '{text}' is not a count of file descriptors");

    public string RequireBundle() => Bundle ?? Directory.GetCurrentDirectory();
}
