using System.Text;
using ContainerPS.Shim.Native;

namespace ContainerPS.Shim.Supervision;

/// <summary>
/// The line the detached supervisor sends back to `create` on fd 3: "0 created", or "&lt;exit code&gt; &lt;message&gt;".
/// `create` reads it until EOF; a supervisor that dies without a line is a failure too.
/// </summary>
internal sealed unsafe class CreateReport(int fd)
{
    public const int Fd = 3;
    private int _fd = fd;

    public int FileDescriptor => _fd;

    public void Send(int exitCode, string message)
    {
        if (_fd < 0) return;
        // The caller's process prints the error on its stderr; the --log file gets it from here.
        if (exitCode != ExitCodes.Success) Logging.RuncLog.Error(message);
        byte[] line = Encoding.UTF8.GetBytes($"{exitCode} {message.ReplaceLineEndings(" ")}\n");
        fixed (byte* data = line) Sys.Write(_fd, data, (nuint)line.Length);
        Sys.Close(_fd);
        _fd = -1;
    }

    /// <summary>Parses what `create` read: the exit code and the message.</summary>
    public static (int ExitCode, string Message) Parse(string text)
    {
        int space = text.IndexOf(' ');
        if (space > 0 && int.TryParse(text[..space], out int code)) return (code, text[(space + 1)..].TrimEnd('\n'));
        return (ExitCodes.Failure, "the supervisor exited before the container was created");
    }
}
