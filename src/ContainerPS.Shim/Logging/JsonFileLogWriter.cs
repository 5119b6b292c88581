using System.Text;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Logging;

/// <summary>
/// Docker's json-file log format: one object per line,
/// <c>{"log":"text\n","stream":"stdout","time":"2026-11-27T19:00:00.123456789Z"}</c>, each appended with one
/// write(2) on an O_APPEND fd so a reader never sees half a line. With a <see cref="LogRotation"/> the file is
/// rotated before a line that would take it past the size, so no file is ever larger than that (but for one line
/// longer than the limit) and a line is never split across two files.
/// </summary>
internal sealed unsafe class JsonFileLogWriter : IDisposable
{
    private readonly string _path;
    private readonly LogRotation _rotation;
    private readonly List<byte> _line = new(512);
    private int _fd;
    private long _size;

    public JsonFileLogWriter(string path, LogRotation rotation)
    {
        _path = path;
        _rotation = rotation;
        _fd = OpenLog(path);
        _size = new FileInfo(path).Length;
    }

    private static int OpenLog(string path)
    {
        int fd = Sys.Open(path, Linux.O_WRONLY | Linux.O_CREAT | Linux.O_CLOEXEC | 0x400 /* O_APPEND */, 0x1a0);
        if (fd < 0) throw new ShimException(ExitCodes.Failure, $"cannot open the log {path}: {Errno.Describe(Sys.LastError)}");
        return fd;
    }

    /// <summary>The next line would not fit: the file moves aside and a new one starts. A rotation that fails keeps the old file.</summary>
    private void RotateFor(int length)
    {
        if (!_rotation.Enabled || _size == 0 || _size + length <= _rotation.MaxSize) return;
        try
        {
            _rotation.Rotate(_path);
            int fd = OpenLog(_path);
            Sys.Close(_fd);
            _fd = fd;
            _size = 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ShimException)
        {
            // a full or read-only disk: the lines go on to the file there is, never the container down with them
        }
    }

    public void Write(ReadOnlySpan<byte> text, string stream)
    {
        _line.Clear();
        Append("{\"log\":\"");
        JsonText.AppendEscaped(_line, text);
        Append("\",\"stream\":\"");
        Append(stream);
        Append("\",\"time\":\"");
        Append(Rfc3339NanoNow());
        Append("\"}\n");
        var bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_line);
        RotateFor(bytes.Length);
        fixed (byte* data = bytes)
        {
            nuint written = 0;
            while (written < (nuint)bytes.Length)
            {
                nint result = Sys.Write(_fd, data + written, (nuint)bytes.Length - written);
                if (result < 0 && Sys.LastError == Linux.EINTR) continue;
                if (result <= 0) return; // a full disk loses log lines, never the container
                written += (nuint)result;
                _size += result;
            }
        }
    }

    private void Append(string ascii)
    {
        foreach (char c in ascii) _line.Add((byte)c);
    }

    /// <summary>UTC with nanoseconds, as docker's RFC3339Nano timestamps.</summary>
    private static string Rfc3339NanoNow()
    {
        TimeSpec now;
        Sys.ClockGettime(0 /* CLOCK_REALTIME */, &now);
        var seconds = DateTimeOffset.FromUnixTimeSeconds(now.Seconds).UtcDateTime;
        return $"{seconds:yyyy-MM-dd'T'HH:mm:ss}.{now.Nanoseconds:D9}Z";
    }

    public void Dispose() => Sys.Close(_fd);
}
