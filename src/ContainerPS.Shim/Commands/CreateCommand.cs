using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `create`: this process is the container's detached supervisor already. native/detach.c forked before .NET
/// started; the caller's process waits for the report on fd 3 (the container created and waiting for `start`, or the
/// error) and exits with it. With `--start` the container runs at once and the report says so when it is running (one
/// process and one round trip fewer than create + start: what `Start-Container -Image` needs).
/// </summary>
internal static class CreateCommand
{
    public static int Run(CommandLine line)
    {
        var report = new CreateReport(CpsNative.DetachedReportFd());
        if (report.FileDescriptor < 0) throw new ShimException(ExitCodes.Failure, "create could not detach its supervisor (fork or pipe failed)");
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
