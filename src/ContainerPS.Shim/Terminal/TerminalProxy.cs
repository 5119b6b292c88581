using System.Runtime.InteropServices;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Terminal;

/// <summary>How a <see cref="TerminalProxy"/> run ended.</summary>
internal enum ProxyEnd
{
    /// <summary>The pty's slave side closed (EIO/HUP on the master): the program and everything holding it exited.</summary>
    Closed,

    /// <summary>The user typed the detach keys; the program runs on.</summary>
    Detached,
}

/// <summary>
/// Connects a terminal to a pty master: what is typed on <c>input</c> goes to the master, what the program writes
/// comes back to <c>output</c>, and the window size follows <c>input</c>'s (once at start, then on every SIGWINCH).
/// The caller decides about raw mode (<see cref="TerminalMode"/>); the proxy only copies bytes. Works with a
/// non-blocking master (its file status flags are shared with every holder of the same open file).
/// </summary>
internal sealed unsafe class TerminalProxy(int master, int input, int output)
{
    private const int BufferSize = 16 * 1024;
    private readonly byte[] _pending = new byte[BufferSize];
    private int _pendingStart, _pendingEnd;
    private int _input = input;
    private int _detachMatched;

    /// <summary>A key sequence that ends the run with <see cref="ProxyEnd.Detached"/> (docker's ctrl-p ctrl-q is 0x10 0x11); empty: none.</summary>
    public byte[] DetachKeys { get; init; } = [];

    public ProxyEnd Run()
    {
        int sizeSource = TerminalCalls.Isatty(_input) != 0 ? _input : TerminalCalls.Isatty(output) != 0 ? output : -1;
        if (sizeSource >= 0) Pty.CopyWindowSize(sizeSource, master);
        using var resize = sizeSource < 0 ? null
            : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => Pty.CopyWindowSize(sizeSource, master));
        var fds = stackalloc PollFd[2];
        while (true)
        {
            bool writing = _pendingEnd > _pendingStart;
            fds[0] = new PollFd { Fd = master, Events = (short)(Linux.POLLIN | (writing ? PollOut : 0)) };
            fds[1] = new PollFd { Fd = writing ? -1 : _input, Events = Linux.POLLIN };
            if (Sys.Poll(fds, 2, -1) < 0)
            {
                if (Sys.LastError == Linux.EINTR) continue;
                throw new ShimException(ExitCodes.Failure, $"poll: {Errno.Describe(Sys.LastError)}");
            }
            if (fds[0].Revents != 0 && !CopyOutput()) return ProxyEnd.Closed;
            if ((fds[0].Revents & PollOut) != 0) FlushPending();
            if (fds[1].Revents != 0 && ReadInput()) return ProxyEnd.Detached;
        }
    }

    private const short PollOut = 0x4;

    /// <summary>Master to output; false once the slave side is gone (EIO, or EOF).</summary>
    private bool CopyOutput()
    {
        byte* buffer = stackalloc byte[BufferSize];
        nint read = Sys.Read(master, buffer, BufferSize);
        if (read < 0 && Sys.LastError is Linux.EAGAIN or Linux.EINTR) return true;
        if (read <= 0) return false;
        WriteAll(output, buffer, (int)read);
        return true;
    }

    /// <summary>Input to the pending buffer, then to the master; true when the detach keys were typed. EOF stops reading input.</summary>
    private bool ReadInput()
    {
        nint read;
        fixed (byte* buffer = _pending) read = Sys.Read(_input, buffer, BufferSize);
        if (read < 0 && Sys.LastError is Linux.EAGAIN or Linux.EINTR) return false;
        if (read <= 0)
        {
            _input = -1;
            return false;
        }
        _pendingStart = 0;
        _pendingEnd = (int)read;
        if (DetachKeys.Length > 0 && MatchDetachKeys()) return true;
        FlushPending();
        return false;
    }

    /// <summary>
    /// Scans the new input for the detach sequence, which may arrive split over reads. Bytes that complete it are
    /// not sent; a partial match at the end of a read is sent (as docker does after a mismatch, the keys are ordinary keys).
    /// </summary>
    private bool MatchDetachKeys()
    {
        for (int i = _pendingStart; i < _pendingEnd; i++)
        {
            _detachMatched = _pending[i] == DetachKeys[_detachMatched] ? _detachMatched + 1 : _pending[i] == DetachKeys[0] ? 1 : 0;
            if (_detachMatched == DetachKeys.Length)
            {
                _pendingEnd = Math.Max(_pendingStart, i + 1 - DetachKeys.Length);
                FlushPending();
                return true;
            }
        }
        return false;
    }

    /// <summary>Writes what it can of the pending input; the rest waits for POLLOUT (the pty's input queue is full).</summary>
    private void FlushPending()
    {
        while (_pendingStart < _pendingEnd)
        {
            nint written;
            fixed (byte* buffer = &_pending[_pendingStart]) written = Sys.Write(master, buffer, (nuint)(_pendingEnd - _pendingStart));
            if (written < 0 && Sys.LastError == Linux.EINTR) continue;
            if (written < 0 && Sys.LastError == Linux.EAGAIN) return;
            if (written < 0)
            {
                _pendingStart = _pendingEnd = 0; // the slave side is gone: the output side reports it next
                return;
            }
            _pendingStart += (int)written;
        }
    }

    private static void WriteAll(int fd, byte* buffer, int count)
    {
        while (count > 0)
        {
            nint written = Sys.Write(fd, buffer, (nuint)count);
            if (written < 0 && Sys.LastError is Linux.EINTR or Linux.EAGAIN) continue;
            if (written <= 0) return; // the terminal went away: keep draining the master so the program is not blocked
            buffer += written;
            count -= (int)written;
        }
    }
}
