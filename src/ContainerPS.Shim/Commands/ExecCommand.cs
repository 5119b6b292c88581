using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Exec;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `exec --process FILE [--status-file FILE] ID`: runs one more process in a running container, in the foreground
/// (it shares this process's stdin, stdout and stderr), and exits with its exit code (128 + signal when killed).
/// The shim first becomes non-dumpable and re-executes itself from a sealed memfd copy (Exec/SealedExecutable), so
/// nothing the container can reach leads to the binary on disk; then it joins the init's cgroup and namespaces
/// through a child that runs no managed code (Child/ExecPlan).
/// </summary>
internal static class ExecCommand
{
    public static int Run(CommandLine line)
    {
        try { return Exec(line); }
        catch (ShimException e)
        {
            ExecStatusFile.Failed(line.StatusFile, e.ExitCode, e.Message);
            throw;
        }
    }

    private static int Exec(CommandLine line)
    {
        // Before anything else, and again after the re-exec (execve makes a process dumpable again).
        Sys.Prctl(Linux.PR_SET_DUMPABLE, 0);
        if (!SealedExecutable.IsRunningSealed()) SealedExecutable.ReExecute(Environment.GetCommandLineArgs());
        var process = ProcessFile.Read(line.ProcessFile ?? throw new ShimException(ExitCodes.Usage, $"exec: --process FILE is required\n{CommandLine.Usage}"));
        using var target = ExecTarget.Open(new StateDirectory(line.Root, line.Id));
        var cgroup = new CgroupsAdapter().Open(target.CgroupPath);
        using var stdio = ExecStdio.Inherit();
        var (_, pidfd) = ExecLauncher.Start(target, process, stdio, cgroup);
        try
        {
            using var forwarding = new SignalForwarding(pidfd);
            int exitCode = ExitStatus.Reap(pidfd);
            ExecStatusFile.Exited(line.StatusFile, exitCode);
            return exitCode;
        }
        finally { Sys.Close(pidfd); }
    }
}
