using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Logging;

/// <summary>
/// Reads one of the container's output pipes and hands complete lines to the writer. A line longer than 16 KiB is
/// written in 16 KiB pieces (docker's json-file does the same); what is left at EOF is written without a newline.
/// Without a writer the output is read and dropped (a pty nobody logs must still be drained).
/// </summary>
internal sealed unsafe class LogPump(int fd, string stream, JsonFileLogWriter? writer) : IDisposable
{
    public const int MaxLine = 16 * 1024;
    private readonly byte[] _pending = new byte[MaxLine];
    private int _length;

    public int Fd { get; private set; } = fd;
    public bool Open => Fd >= 0;

    /// <summary>Reads what the pipe holds now (one read); false at EOF, after the rest was written.</summary>
    public bool Pump()
    {
        nint read;
        fixed (byte* buffer = &_pending[_length]) read = Sys.Read(Fd, buffer, (nuint)(MaxLine - _length));
        if (read < 0 && Sys.LastError is Linux.EINTR or Linux.EAGAIN) return true;
        if (read <= 0)
        {
            if (_length > 0) writer?.Write(_pending.AsSpan(0, _length), stream);
            _length = 0;
            Dispose();
            return false;
        }
        _length += (int)read;
        WriteCompleteLines();
        return true;
    }

    private void WriteCompleteLines()
    {
        int start = 0;
        while (true)
        {
            int newline = _pending.AsSpan(start, _length - start).IndexOf((byte)'\n');
            if (newline < 0) break;
            writer?.Write(_pending.AsSpan(start, newline + 1), stream);
            start += newline + 1;
        }
        if (start == 0 && _length == MaxLine)
        {
            writer?.Write(_pending, stream);
            _length = 0;
            return;
        }
        _pending.AsSpan(start, _length - start).CopyTo(_pending);
        _length -= start;
    }

    public void Dispose()
    {
        if (Fd >= 0) Sys.Close(Fd);
        Fd = -1;
    }
}
