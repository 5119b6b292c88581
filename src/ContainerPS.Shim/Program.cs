using ContainerPS.Shim;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Commands;

// containerps-shim: the per-container supervisor with the OCI runtime command line (runc's create, start, state,
// kill, delete, run, exec). DESIGN.md, "The launcher and the supervisor"; the CLI contract is docs in CommandLine.Usage.
try
{
    var line = CommandLine.Parse(args);
    return line.Command switch
    {
        "create" => CreateCommand.Run(line),
        "supervise" => SuperviseCommand.Run(line),
        "start" => StartCommand.Run(line),
        "state" => StateCommand.Run(line),
        "kill" => KillCommand.Run(line),
        "delete" => DeleteCommand.Run(line),
        "run" => RunCommand.Run(line),
        "attach" => AttachCommand.Run(line),
        "exec" => ExecCommand.Run(line),
        _ => throw new ShimException(ExitCodes.Usage, $"unknown command '{line.Command}'\n{CommandLine.Usage}"),
    };
}
catch (ShimException e)
{
    Console.Error.WriteLine(e.ExitCode == ExitCodes.Success ? e.Message : $"containerps-shim: {e.Message}");
    return e.ExitCode;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"containerps-shim: {e.Message}");
    return ExitCodes.Failure;
}
catch (Exception e)
{
    Console.Error.WriteLine($"containerps-shim: internal error: {e}");
    return ExitCodes.Failure;
}
