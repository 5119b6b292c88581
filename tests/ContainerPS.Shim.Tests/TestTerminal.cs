using System.Text;
using ContainerPS.Shim.Native;
using ContainerPS.Shim.Terminal;

namespace ContainerPS.Shim.Tests;

/// <summary>
/// A host pty the test types on and reads the screen of, as a user's terminal would be: the attach client gets the
/// slave (/dev/pts/N) as its stdin, stdout and controlling terminal; the test holds the master.
/// </summary>
internal sealed unsafe class TestTerminal : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    private readonly Pty _pty = Pty.Open();
    private readonly StringBuilder _screen = new();
    private readonly Thread _reader;
    private volatile bool _closing;

    public TestTerminal(ushort rows, ushort columns)
    {
        Resize(rows, columns);
        _reader = new Thread(ReadLoop) { IsBackground = true };
        _reader.Start();
    }

    /// <summary>The slave's path on the host, for the attach client's redirections.</summary>
    public string SlavePath => $"/dev/pts/{Pty.Number(_pty.Master)}";

    public string Screen
    {
        get { lock (_screen) return _screen.ToString(); }
    }

    public void Resize(ushort rows, ushort columns) =>
        Assert.True(Pty.SetWindowSize(_pty.Master, new WindowSize { Rows = rows, Columns = columns }));

    /// <summary>Types <paramref name="keys"/> (raw bytes: "\r" is Enter, "\x03" is Ctrl+C).</summary>
    public void Type(string keys)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(keys);
        fixed (byte* buffer = bytes) Assert.Equal(bytes.Length, (int)Sys.Write(_pty.Master, buffer, (nuint)bytes.Length));
    }

    /// <summary>Waits (bounded) until the screen shows <paramref name="text"/> after position <paramref name="from"/>; true if it did.</summary>
    public bool WaitFor(string text, int from = 0, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? Limit);
        while (DateTime.UtcNow < deadline)
        {
            string screen = Screen;
            if (screen.IndexOf(text, Math.Min(from, screen.Length), StringComparison.Ordinal) >= 0) return true;
            Thread.Sleep(20);
        }
        return false;
    }

    private void ReadLoop()
    {
        byte* buffer = stackalloc byte[4096];
        var fd = new PollFd { Fd = _pty.Master, Events = Linux.POLLIN };
        while (!_closing)
        {
            fd.Revents = 0;
            if (Sys.Poll(&fd, 1, 100) <= 0) continue;
            nint read = Sys.Read(_pty.Master, buffer, 4096);
            if (read <= 0) return;
            lock (_screen) _screen.Append(Encoding.UTF8.GetString(buffer, (int)read));
        }
    }

    public void Dispose()
    {
        _closing = true;
        _reader.Join();
        Sys.Close(_pty.Master);
        Sys.Close(_pty.Slave);
    }
}
