using ContainerPS.Runtime.State;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `kill ID [SIGNAL]`: signals the container's init through a pidfd opened for the recorded pid and start time, so
/// a pid the kernel has given to another process is never signalled.
/// </summary>
internal static unsafe class KillCommand
{
    public static int Run(CommandLine line)
    {
        var directory = new StateDirectory(line.Root, line.Id);
        int signal = Signals.Parse(line.Arguments.Count > 1 ? line.Arguments[1] : "TERM");
        var state = LiveState.Read(directory);
        if (state.Status is not (ContainerStatus.Created or ContainerStatus.Running) || !Signal(state, signal))
        {
            throw new ShimException(ExitCodes.WrongState, $"container '{directory.Id}' is not running");
        }
        return ExitCodes.Success;
    }

    /// <summary>False when the init has already exited.</summary>
    public static bool Signal(ContainerState state, int signal)
    {
        if (ProcessIdentity.OpenPidfd(state.Pid, state.PidStartTime) is not int pidfd) return false;
        try
        {
            if (Sys.PidfdSendSignal(pidfd, signal, null, 0) == 0) return true;
            int errno = Sys.LastError;
            if (errno == Linux.ESRCH) return false;
            throw new ShimException(ExitCodes.Failure, $"pidfd_send_signal: {Errno.Describe(errno)}");
        }
        finally { Sys.Close(pidfd); }
    }
}
