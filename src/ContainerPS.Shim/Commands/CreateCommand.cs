using System.Text.Json;
using ContainerPS.Runtime;
using ContainerPS.Runtime.State;
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
/// With --wait-for-bundle it does its own setup first and reads the bundle once the caller says it is written.
/// </summary>
internal static unsafe class CreateCommand
{
    public static int Run(CommandLine line)
    {
        var report = new CreateReport(CpsNative.DetachedReportFd());
        if (report.FileDescriptor < 0) throw new ShimException(ExitCodes.Failure, "create could not detach its supervisor (fork or pipe failed)");
        try
        {
            // Whatever the caller had open beyond the report pipe must not reach the container (--preserve-fds's are
            // below it: native/detach.c). Its stdio copies above it are dup3'd (no CLOEXEC) when they are used.
            int reportFd = report.FileDescriptor;
            Sys.CloseRange((uint)reportFd + 1, uint.MaxValue, Linux.CLOSE_RANGE_CLOEXEC);
            if (line.SystemdCgroup) throw SystemdCgroup.NotSupported();
            Sys.Prctl(Linux.PR_SET_CHILD_SUBREAPER, 1);
            string bundle = line.RequireBundle();
            // A long-lived process must not keep its caller's working directory (a mount) busy; paths are absolute.
            Directory.SetCurrentDirectory("/");
            using var supervisor = new Supervisor(new SupervisorOptions(
                new StateDirectory(line.Root, line.Id), bundle, report, StartImmediately: line.Start,
                CallerStdio: CallerStdio(reportFd), PreservedFds: CpsNative.PreservedFds(), PidFile: line.PidFile,
                ConsoleSocket: line.ConsoleSocket));
            if (line.WaitForBundle && !WaitForBundle(reportFd + 1))
            {
                report.Send(ExitCodes.Failure, "the caller gave up before the bundle was ready; nothing was created");
                return ExitCodes.Failure;
            }
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

    /// <summary>
    /// While the caller writes the bundle: the JSON metadata of the documents the supervisor reads and writes first
    /// is built now (its first use costs about a millisecond), then this waits for a byte (go) or EOF (give up).
    /// </summary>
    private static bool WaitForBundle(int bundleReadyFd)
    {
        JsonSerializer.Deserialize(WarmUpSpec, RuntimeJsonContext.Default.RuntimeSpec);
        JsonSerializer.SerializeToUtf8Bytes(new ContainerState(), RuntimeJsonContext.Default.ContainerState);
        byte signal;
        nint read;
        while ((read = Sys.Read(bundleReadyFd, &signal, 1)) < 0 && Sys.LastError == Linux.EINTR) { }
        Sys.Close(bundleReadyFd);
        return read == 1;
    }

    /// <summary>The caller's stdin, stdout and stderr as native/detach.c kept them (two above the report); -1 for a closed one.</summary>
    private static int[] CallerStdio(int reportFd) =>
        [.. Enumerable.Range(reportFd + 2, 3).Select(fd => Terminal.TerminalCalls.Fcntl(fd, F_GETFD, 0) >= 0 ? fd : -1)];

    private const int F_GETFD = 1;

    /// <summary>A config.json with every object the supervisor meets first, empty (config.md's names).</summary>
    private static ReadOnlySpan<byte> WarmUpSpec =>
        """{"process":{"user":{},"capabilities":{},"rlimits":[{}],"env":[]},"root":{},"mounts":[{"options":[]}],"annotations":{},"linux":{"namespaces":[{}],"resources":{"devices":[{}],"memory":{},"cpu":{},"pids":{}},"maskedPaths":[],"readonlyPaths":[]}}"""u8;
}
