using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `supervise` (internal, started by `create`): the detached supervisor. It is its own session leader already
/// (posix_spawn SETSID); it becomes child subreaper and reports the creation on fd 3.
/// </summary>
internal static class SuperviseCommand
{
    public static int Run(CommandLine line)
    {
        var report = new CreateReport(CreateReport.Fd);
        try
        {
            // Whatever the caller had open beyond the report pipe must not reach the container.
            Sys.CloseRange(CreateReport.Fd + 1, uint.MaxValue, Linux.CLOSE_RANGE_CLOEXEC);
            Sys.Prctl(Linux.PR_SET_CHILD_SUBREAPER, 1);
            string bundle = line.RequireBundle();
            // A long-lived process must not keep its caller's working directory (a mount) busy; paths are absolute.
            Directory.SetCurrentDirectory("/");
            using var supervisor = new Supervisor(new SupervisorOptions(
                new StateDirectory(line.Root, line.Id), bundle, report, StartImmediately: line.Start));
            return supervisor.Run();
        }
        catch (ShimException e)
        {
            report.Send(e.ExitCode, e.Message);
            return e.ExitCode;
        }
        catch (Exception e)
        {
            report.Send(ExitCodes.Failure, e.Message);
            return ExitCodes.Failure;
        }
    }
}
