using System.Text;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `create`: starts the detached supervisor (this binary as `supervise`, in its own session, stdio on /dev/null) and
/// returns once it reports the container created and waiting for `start`, or fails with its error. With `--start`
/// the container runs at once and create returns when it is running (one process and one round trip fewer than
/// create + start: what `Start-Container -Image` needs).
/// </summary>
internal static unsafe class CreateCommand
{
    public static int Run(CommandLine line)
    {
        var state = new StateDirectory(line.Root, line.Id);
        string self = Environment.ProcessPath ?? throw new ShimException(ExitCodes.Failure, "cannot find this executable's path");
        string[] argv = line.Start
            ? [self, "--root", line.Root, "supervise", "--start", "--bundle", line.RequireBundle(), state.Id]
            : [self, "--root", line.Root, "supervise", "--bundle", line.RequireBundle(), state.Id];
        var report = Pipe.Create();
        string text;
        int supervisor;
        try
        {
            try { supervisor = Spawn(self, argv, report.Write); }
            finally { Sys.Close(report.Write); } // only the supervisor holds it now: EOF when it is done or dead
            text = ReadAll(report.Read);
        }
        finally { Sys.Close(report.Read); }
        var (exitCode, message) = CreateReport.Parse(text);
        if (exitCode == ExitCodes.Success) return ExitCodes.Success;
        // A supervisor that failed has cleaned up and is exiting: wait for it, so that when create fails nothing of
        // the container is left, not even its supervisor's last moments.
        WaitForExit(supervisor);
        throw new ShimException(exitCode, message);
    }

    private static void WaitForExit(int pid)
    {
        SigInfo info = default;
        while (Sys.Waitid(Linux.P_PID, pid, &info, Linux.WEXITED) != 0 && Sys.LastError == Linux.EINTR) { }
    }

    private static int Spawn(string path, string[] argv, int reportFd)
    {
        using var arena = new Child.NativeArena();
        var path8 = (byte*)arena.String(path);
        var argv8 = (byte**)arena.StringArray(argv);
        int pid;
        int error = CpsNative.SpawnDetached(path8, argv8, reportFd, &pid);
        if (error != 0) throw new ShimException(ExitCodes.Failure, $"cannot start the supervisor: {Errno.Describe(error)}");
        return pid;
    }

    private static string ReadAll(int fd)
    {
        var text = new List<byte>();
        byte* buffer = stackalloc byte[512];
        while (true)
        {
            nint read = Sys.Read(fd, buffer, 512);
            if (read < 0 && Sys.LastError == Linux.EINTR) continue;
            if (read <= 0) break;
            text.AddRange(new ReadOnlySpan<byte>(buffer, (int)read));
        }
        return Encoding.UTF8.GetString(text.ToArray());
    }
}
