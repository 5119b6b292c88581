using System.Text;
using ContainerPS.Runtime.State;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `ps [--format table|json] ID` (runc-ps(8)): the pids in the container's cgroup, as the host sees them. json is a
/// JSON array of numbers (what containerd-shim-runc-v2 parses); table, runc's default, is `ps -ef`'s output for
/// those pids, which needs procps; here it is one pid a line under a PID header, so it needs nothing.
/// </summary>
internal static class PsCommand
{
    public static int Run(CommandLine line)
    {
        var directory = new StateDirectory(line.Root, line.Id);
        var state = LiveState.Read(directory);
        if (state.Status == ContainerStatus.Stopped) throw ShimException.NotRunning(directory.Id);
        var pids = PauseCommand.OpenCgroup(directory).Processes();
        var text = new StringBuilder();
        if (line.Format == "json") text.Append('[').AppendJoin(',', pids).Append("]\n");
        else
        {
            text.Append("PID\n");
            foreach (int pid in pids) text.Append(pid).Append('\n');
        }
        Console.Out.Write(text.ToString());
        Console.Out.Flush();
        return ExitCodes.Success;
    }
}
