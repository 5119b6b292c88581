namespace ContainerPS.Shim.Cli;

/// <summary>
/// runc's command line shape: global options, a command, its options, then positionals.
/// <c>containerps-shim [--root R] create|run --bundle B ID | start ID | state ID | kill ID [SIGNAL] | delete [--force] ID | exec --process P [--tty] ID</c>
/// </summary>
internal sealed record CommandLine(string Root, string Command, string? Bundle, bool Force, bool Remove, bool Start, IReadOnlyList<string> Arguments,
    string? ProcessFile = null, string? StatusFile = null, bool Tty = false, bool WaitForBundle = false)
{
    public const string Usage =
        "usage: containerps-shim [--root DIR] COMMAND ...\n" +
        "  create [--start] [--wait-for-bundle] --bundle DIR ID\n" +
        "                             set the container up; it waits for start (--start: runs it at once).\n" +
        "                             --wait-for-bundle: the supervisor starts at once but reads the bundle only\n" +
        "                             after a byte arrives on stdin (EOF: it gives up, nothing is created), so a\n" +
        "                             caller can start it while still writing the bundle\n" +
        "  start ID                   run the created container's process\n" +
        "  state ID                   print its state.json\n" +
        "  kill ID [SIGNAL]           signal its init (default TERM)\n" +
        "  delete [--force] ID        remove a stopped container (--force kills it first)\n" +
        "  run [--rm] --bundle DIR ID create, start, wait; exit with the container's code\n" +
        "  attach [--start] ID        connect this terminal to its pty (process.terminal); ctrl-p ctrl-q detaches;\n" +
        "                             exits with the container's code when its process exits (--start: attach\n" +
        "                             to a created container, then start it)\n" +
        "  exec --process FILE [--status-file FILE] [--tty] ID\n" +
        "                             run FILE's OCI process in the running container, sharing this stdio (--tty or\n" +
        "                             process.terminal: on a pty of the container's, proxied to this stdio); exit with\n" +
        "                             its code. The status file says 'exited N', or 'failed CODE REASON' when it never\n" +
        "                             ran (CODE: 3 no such container, 4 not running, 126 cannot execute, 127 not found)\n" +
        "  features                   print what this runtime implements (runtime-spec features.md) as JSON\n";

    public string Id => Arguments.Count > 0 ? Arguments[0] : throw new ShimException(ExitCodes.Usage, $"{Command}: a container id is required\n{Usage}");

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string root = State.StateDirectory.DefaultRoot;
        string? command = null, bundle = null, processFile = null, statusFile = null;
        bool force = false, remove = false, start = false, tty = false, waitForBundle = false;
        var positional = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ShimException(ExitCodes.Usage, $"{arg} needs a value");
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('='))
            {
                int eq = arg.IndexOf('=');
                (arg, string value) = (arg[..eq], arg[(eq + 1)..]);
                if (arg == "--root") root = value;
                else if (arg is "--bundle") bundle = value;
                else if (arg is "--process") processFile = value;
                else if (arg is "--status-file") statusFile = value;
                else if (arg is not ("--log" or "--log-format")) throw new ShimException(ExitCodes.Usage, $"unknown option {arg}\n{Usage}");
                continue;
            }
            switch (arg)
            {
                case "--root": root = Value(); break;
                case "--bundle" or "-b": bundle = Value(); break;
                case "--force" or "-f": force = true; break;
                case "--rm": remove = true; break;
                case "--process" or "-p": processFile = Value(); break;
                case "--status-file": statusFile = Value(); break;
                case "--start": start = true; break;
                case "--wait-for-bundle": waitForBundle = true; break;
                case "--tty" or "-t": tty = true; break;
                case "--log" or "--log-format": Value(); break; // runc's global options: engines pass them; logs go to stderr here
                case "--help" or "-h": throw new ShimException(ExitCodes.Success, Usage);
                default:
                    if (arg.StartsWith('-') && arg.Length > 1 && !char.IsAsciiDigit(arg[1])) throw new ShimException(ExitCodes.Usage, $"unknown option {arg}\n{Usage}");
                    if (command is null) command = arg;
                    else positional.Add(arg);
                    break;
            }
        }
        if (command is null) throw new ShimException(ExitCodes.Usage, Usage);
        if (bundle is not null) bundle = Path.GetFullPath(bundle);
        return new CommandLine(Path.GetFullPath(root), command, bundle, force, remove, start, positional,
            processFile is null ? null : Path.GetFullPath(processFile), statusFile is null ? null : Path.GetFullPath(statusFile), tty,
            waitForBundle);
    }

    public string RequireBundle() => Bundle ?? Directory.GetCurrentDirectory();
}
