using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Exec;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Supervision;
using ContainerPS.Shim.Terminal;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `exec --process FILE [--status-file FILE] [--tty] ID`: runs one more process in a running container, in the
/// foreground (it shares this process's stdin, stdout and stderr, or with process.terminal or --tty gets a pty of the
/// container's that this process connects to its own stdin and stdout), and exits with its exit code (128 + signal when killed).
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
        var directory = new StateDirectory(line.Root, line.Id);
        var process = ExecProcess.From(line, directory);
        if (line.Tty) process = process with { Terminal = true };
        // runc: a detached process with a terminal needs somewhere to send it.
        if (line.Detach && process.Terminal && line.ConsoleSocket is null)
            throw new ShimException(ExitCodes.Usage, "exec: --detach with a terminal needs --console-socket");
        using var target = ExecTarget.Open(directory);
        var cgroup = new CgroupsAdapter().Open(target.CgroupPath);
        using var stdio = process.Terminal ? ExecStdio.WithTerminal() : ExecStdio.Inherit();
        var (pid, pidfd) = ExecLauncher.Start(target, process, stdio, cgroup, dieWithShim: !line.Detach);
        try
        {
            PidFile.Write(line.PidFile, pid);
            if (line.ConsoleSocket is { } socket && process.Terminal) SendMaster(stdio, socket);
            // runc exec --detach: the process runs on; this process's parent (or its subreaper) reaps it.
            if (line.Detach)
            {
                ExecStatusFile.Exited(line.StatusFile, 0);
                return ExitCodes.Success;
            }
            if (line.ConsoleSocket is not null && process.Terminal) return ExitStatus.Reap(pidfd);
            int exitCode = process.Terminal ? ProxyTerminal(stdio, pidfd) : ForwardSignals(pidfd);
            ExecStatusFile.Exited(line.StatusFile, exitCode);
            return exitCode;
        }
        finally { Sys.Close(pidfd); }
    }

    /// <summary>--console-socket: the pty's master goes to the caller's socket (runc's protocol), not to this stdio.</summary>
    private static void SendMaster(ExecStdio stdio, string path)
    {
        int master = stdio.ReceiveMaster();
        try
        {
            int socket = UnixSocket.Connect(path) ?? throw new ShimException(ExitCodes.Failure, $"--console-socket {path}: {Errno.Describe(Sys.LastError)}");
            try
            {
                if (!FdPassing.Send(socket, master)) throw new ShimException(ExitCodes.Failure, $"--console-socket {path}: the receiver went away");
            }
            finally { Sys.Close(socket); }
        }
        finally { Sys.Close(master); }
    }

    /// <summary>Without a terminal: INT, TERM, HUP and QUIT sent to the shim go to the process until it exits.</summary>
    private static int ForwardSignals(int pidfd)
    {
        using var forwarding = new SignalForwarding(pidfd);
        return ExitStatus.Reap(pidfd);
    }

    /// <summary>
    /// With a terminal (docker exec -it): this process's stdin and stdout are connected to the pty's master, stdin in
    /// raw mode when it is a terminal, so keys are data and Ctrl+C becomes SIGINT in the container's line discipline,
    /// not here. The copy ends when the pty's slave is closed by everyone (EIO on the master: the process and anything
    /// it left running with the pty), then the process is reaped. The terminal is restored on every way out.
    /// </summary>
    private static int ProxyTerminal(ExecStdio stdio, int pidfd)
    {
        int master = stdio.ReceiveMaster();
        try
        {
            using var raw = TerminalMode.MakeRaw(0);
            new TerminalProxy(master, 0, 1).Run();
        }
        finally { Sys.Close(master); }
        return ExitStatus.Reap(pidfd);
    }
}
