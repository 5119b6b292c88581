using System.Runtime.InteropServices;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Exec;

/// <summary>
/// While the exec'd process runs, INT, TERM, HUP and QUIT sent to the shim go to it (through its pidfd), as
/// `runc exec` forwards them; SIGKILL cannot be caught, and the process then dies with the shim (PR_SET_PDEATHSIG).
/// </summary>
internal sealed unsafe class SignalForwarding : IDisposable
{
    private static readonly (PosixSignal Signal, int Number)[] Forwarded =
    [
        (PosixSignal.SIGINT, 2), (PosixSignal.SIGTERM, 15), (PosixSignal.SIGHUP, 1), (PosixSignal.SIGQUIT, 3),
    ];

    private readonly List<PosixSignalRegistration> _registrations;

    public SignalForwarding(int pidfd)
    {
        _registrations = Forwarded.Select(pair => PosixSignalRegistration.Create(pair.Signal, context =>
        {
            context.Cancel = true;
            Sys.PidfdSendSignal(pidfd, pair.Number, null, 0);
        })).ToList();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }
}
