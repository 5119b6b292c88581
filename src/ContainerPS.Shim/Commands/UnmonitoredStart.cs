using ContainerPS.Runtime.State;
using ContainerPS.Shim.Exec;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `start` of a container no monitor watches (docs/runtime-contract.md "Runtime and monitor"), as runc starts one:
/// one byte into start.fifo releases the init, then report.fifo tells how its execve went, EOF when the program runs
/// (the init's end of the fifo is close-on-exec) or the step that failed. This process records the outcome itself.
/// </summary>
internal static unsafe class UnmonitoredStart
{
    /// <summary>The running state recorded; a failed execve throws (126 or 127).</summary>
    public static ContainerState Run(StateDirectory directory, ContainerState state)
    {
        // The reader first: the init's report after the release must find one (else EPIPE), and EOF must mean "ran".
        int report = ReleaseChannels.OpenReportReader(directory);
        try
        {
            Release(directory);
            if (ChildReport.Read(report) is { } failed) return Failed(directory, state, failed);
        }
        finally { Sys.Close(report); }
        var running = state with { Status = ContainerStatus.Running, Started = DateTimeOffset.UtcNow };
        directory.Write(running);
        directory.RemoveReleaseFiles();
        return running;
    }

    /// <summary>ENXIO: no reader, so the init that held start.fifo is gone.</summary>
    private static void Release(StateDirectory directory)
    {
        int fifo = Sys.Open(directory.StartFifo, Linux.O_WRONLY | Linux.O_NONBLOCK | Linux.O_CLOEXEC, 0);
        if (fifo < 0) throw new ShimException(ExitCodes.WrongState, $"container '{directory.Id}' cannot be started: {Errno.Describe(Sys.LastError)}");
        byte one = 1;
        while (Sys.Write(fifo, &one, 1) < 0 && Sys.LastError == Linux.EINTR) { }
        Sys.Close(fifo);
    }

    /// <summary>The init could not execute its program: recorded as the monitor would, with docker run's 126/127.</summary>
    private static ContainerState Failed(StateDirectory directory, ContainerState state, ChildReport failed)
    {
        string step = directory.StepName(failed.Step);
        string error = $"step '{step}' failed: {Errno.Describe(failed.Errno)}";
        int exitCode = ExecExitCodes.Of(step, failed.Errno, ExitCodes.Failure);
        directory.Write(state with { Status = ContainerStatus.Stopped, ExitCode = exitCode, Error = error, Finished = DateTimeOffset.UtcNow });
        directory.RemoveReleaseFiles();
        throw new ShimException(exitCode, error);
    }
}
