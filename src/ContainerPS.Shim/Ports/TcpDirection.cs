using System.Runtime.InteropServices;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Ports;

/// <summary>
/// One way of a proxied TCP connection: reads <c>from</c> into a buffer and writes it to <c>to</c>. It reads only
/// when the buffer is empty and waits for POLLOUT only while it holds data, so a slow reader slows the writer
/// (back-pressure) and nothing spins. At EOF, once everything is written, it shuts down the write side of
/// <c>to</c> (shutdown(2) SHUT_WR): the other end sees EOF while the opposite way goes on (TCP half-close).
/// The buffer is native memory, freed when the connection closes: managed arrays would wait for a collection, and
/// short connections would grow the supervisor by the GC's whole allocation budget.
/// </summary>
internal sealed unsafe class TcpDirection(int from, int to) : IDisposable
{
    private const int BufferSize = 32 * 1024;
    private byte* _buffer = (byte*)NativeMemory.Alloc(BufferSize);
    private int _start, _end;
    private bool _endOfStream;

    /// <summary>EOF was read, all of it written and the far write side shut.</summary>
    public bool Done { get; private set; }

    /// <summary>A read or write failed (reset, broken pipe): the whole connection ends.</summary>
    public bool Failed { get; private set; }

    public void AddTo(PollList list, IPollParticipant owner, int readTag, int writeTag)
    {
        if (Done || Failed) return;
        if (_end > _start) list.Add(to, SocketCalls.POLLOUT, owner, writeTag);
        else if (!_endOfStream) list.Add(from, Linux.POLLIN, owner, readTag);
    }

    public void OnReadable()
    {
        if (_end > _start) return;
        nint read = SocketCalls.Recv(from, _buffer, BufferSize, 0);
        if (read > 0) (_start, _end) = (0, (int)read);
        else if (read == 0) _endOfStream = true;
        else if (SocketCalls.LastError is not (SocketCalls.EAGAIN or SocketCalls.EINTR)) Failed = true;
        Flush();
    }

    public void Flush()
    {
        while (_end > _start && !Failed)
        {
            nint written = SocketCalls.Send(to, _buffer + _start, (nuint)(_end - _start), SocketCalls.MSG_NOSIGNAL);
            if (written > 0) _start += (int)written;
            else if (SocketCalls.LastError == SocketCalls.EAGAIN) return;
            else if (SocketCalls.LastError != SocketCalls.EINTR) Failed = true;
        }
        if (_endOfStream && _end == _start && !Done && !Failed)
        {
            SocketCalls.Shutdown(to, SocketCalls.SHUT_WR); // ENOTCONN when the peer is gone already: nothing to tell it
            Done = true;
        }
    }

    public void Dispose()
    {
        NativeMemory.Free(_buffer);
        _buffer = null;
    }
}
