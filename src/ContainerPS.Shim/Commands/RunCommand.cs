using System.Runtime.InteropServices;
using ContainerPS.Shim.Cli;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.State;
using ContainerPS.Shim.Supervision;

namespace ContainerPS.Shim.Commands;

/// <summary>
/// `run`: create, start and wait in this process (no detached supervisor), exiting with the container's code.
/// Without the log annotation the container shares this process's stdio, as `runc run`. INT, TERM, HUP and QUIT
/// are forwarded to the container. `--rm` deletes the state directory afterwards.
/// </summary>
internal static class RunCommand
{
    private static readonly PosixSignal[] Forwarded = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];

    public static int Run(CommandLine line)
    {
        if (line.SystemdCgroup) throw SystemdCgroup.NotSupported();
        var state = new StateDirectory(line.Root, line.Id);
        Sys.Prctl(Linux.PR_SET_CHILD_SUBREAPER, 1);
        using var supervisor = new Supervisor(new SupervisorOptions(state, line.RequireBundle(), Report: null, StartImmediately: true));
        var registrations = Forwarded.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            supervisor.Forward(SignalNumber(context.Signal));
        })).ToList();
        try
        {
            int exitCode = supervisor.Run();
            if (supervisor.ExecError is { } error) Console.Error.WriteLine($"containerps-shim: {error}");
            if (line.Remove) DeleteWithPoststop(state);
            return exitCode;
        }
        finally
        {
            foreach (var registration in registrations) registration.Dispose();
        }
    }

    /// <summary>`run --rm` deletes as `delete` does: the poststop hooks after the state directory is gone.</summary>
    private static void DeleteWithPoststop(StateDirectory state)
    {
        var hooks = Hooks.SavedHooks.Read(state);
        bool known = state.TryRead(out var record);
        state.Delete();
        if (known) Hooks.SavedHooks.RunPoststop(hooks, record);
    }

    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGTERM => 15,
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGQUIT => 3,
        _ => (int)signal,
    };
}
