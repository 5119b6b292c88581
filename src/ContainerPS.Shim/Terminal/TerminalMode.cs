using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Terminal;

/// <summary>
/// A terminal switched to raw mode (cfmakeraw(3): no echo, no line editing, no signals from keys, 8-bit) so every
/// key reaches the program behind a pty, Ctrl+C included. Dispose restores the saved settings; so do SIGTERM,
/// SIGHUP and SIGQUIT, which then end the process as they would have, so a killed proxy never leaves the user's
/// shell without echo.
/// </summary>
internal sealed unsafe class TerminalMode : IDisposable
{
    private static readonly PosixSignal[] Ending = [PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT, PosixSignal.SIGINT];
    private readonly int _fd;
    private readonly Termios _saved;
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _restored;

    private TerminalMode(int fd, Termios saved)
    {
        _fd = fd;
        _saved = saved;
    }

    /// <summary>Raw mode on <paramref name="fd"/>; null when it is not a terminal (nothing to change or restore).</summary>
    public static TerminalMode? MakeRaw(int fd)
    {
        Termios saved;
        if (TerminalCalls.Isatty(fd) == 0 || TerminalCalls.Tcgetattr(fd, &saved) != 0) return null;
        var mode = new TerminalMode(fd, saved);
        foreach (var signal in Ending) mode._signals.Add(PosixSignalRegistration.Create(signal, _ => mode.Restore()));
        Termios raw = saved;
        TerminalCalls.Cfmakeraw(&raw);
        if (TerminalCalls.Tcsetattr(fd, TerminalCalls.TCSANOW, &raw) != 0)
        {
            mode.Dispose();
            return null;
        }
        return mode;
    }

    /// <summary>Puts the saved settings back, once (from Dispose or a signal handler's thread, whichever is first).</summary>
    public void Restore()
    {
        if (Interlocked.Exchange(ref _restored, 1) != 0) return;
        Termios saved = _saved;
        // TCSAFLUSH would drop typed-ahead input the user's shell should still get; TCSANOW keeps it.
        TerminalCalls.Tcsetattr(_fd, TerminalCalls.TCSANOW, &saved);
    }

    public void Dispose()
    {
        Restore();
        foreach (var registration in _signals) registration.Dispose();
        _signals.Clear();
    }
}
