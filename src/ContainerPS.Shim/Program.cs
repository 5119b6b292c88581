using ContainerPS.Shim;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Commands;
using ContainerPS.Shim.Logging;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.Supervision;

// containerps-shim: the per-container supervisor with the OCI runtime command line (runc's create, start, state,
// kill, delete, run, exec). DESIGN.md, "The launcher and the supervisor"; the CLI contract is docs in CommandLine.Usage.

try
{
    var line = CommandLine.Parse(args);
    RuncLog.Configure(line.LogFile, line.LogFormat, line.Debug);
    RuncLog.Debug($"{line.Command} {string.Join(' ', line.Arguments)}");
    bool detached = CpsNative.DetachedReportFd() >= 0;
    if (detached != (line.Command == "create"))
    {
        // native/detach.c and CommandLine read the command line by the same rules; a difference is a bug in one of them.
        throw new ShimException(ExitCodes.Failure, $"internal error: the native and managed command lines disagree on '{line.Command}'");
    }

    return line.Command switch
    {
        "create" => CreateCommand.Run(line),
        "start" => StartCommand.Run(line),
        "state" => StateCommand.Run(line),
        "kill" => KillCommand.Run(line),
        "delete" => DeleteCommand.Run(line),
        "run" => RunCommand.Run(line),
        "attach" => AttachCommand.Run(line),
        "exec" => ExecCommand.Run(line),
        "features" => FeaturesCommand.Run(),
        "ps" => PsCommand.Run(line),
        "pause" => PauseCommand.Run(line, freeze: true),
        "resume" => PauseCommand.Run(line, freeze: false),
        "update" => UpdateCommand.Run(line),
        "events" => EventsCommand.Run(line),
        "checkpoint" or "restore" => throw new ShimException(ExitCodes.Unsupported, $"{line.Command}: checkpoint and restore (CRIU) are not supported"),
        _ => throw new ShimException(ExitCodes.Usage, $"unknown command '{line.Command}'\n{CommandLine.Usage}"),
    };
}
catch (ShimException e)
{
    return Fail(e.ExitCode, e.ExitCode == ExitCodes.Success ? e.Message : $"containerps-shim: {e.Message}", e.Message);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    return Fail(ExitCodes.Failure, $"containerps-shim: {e.Message}", e.Message);
}
catch (Exception e)
{
    return Fail(ExitCodes.Failure, $"containerps-shim: internal error: {e}", $"internal error: {e.Message}");
}

// A detached create's stderr is /dev/null: its caller prints the report instead.
static int Fail(int exitCode, string text, string message)
{
    if (CpsNative.DetachedReportFd() is var fd and >= 0) new CreateReport(fd).Send(exitCode, message);
    else
    {
        Console.Error.WriteLine(text);
        if (exitCode != ExitCodes.Success) RuncLog.Error(message);
    }
    return exitCode;
}
