using System.Text;

namespace ContainerPS.Shim.Logging;

/// <summary>
/// runc's --log FILE and --log-format text|json (runc(8)): what went wrong is appended to FILE as logrus writes it,
/// one entry a line, so callers that read runc's log (containerd-shim-runc-v2 and conmon read the last "error"
/// entry's msg when a call fails) read this one too. json: {"level":"error","msg":"...","time":"RFC 3339"}; text:
/// time="..." level=error msg="...". stderr gets the error as well, as it always did. --debug adds debug entries.
/// </summary>
internal static class RuncLog
{
    private static string? _path;
    private static bool _json, _debug;

    public static void Configure(string? path, string format, bool debug)
    {
        _path = string.IsNullOrEmpty(path) ? null : path;
        _json = format == "json";
        _debug = debug;
    }

    public static void Error(string message) => Write("error", message);

    public static void Warning(string message) => Write("warning", message);

    public static void Debug(string message)
    {
        if (_debug) Write("debug", message);
    }

    private static void Write(string level, string message)
    {
        if (_path is null) return;
        string time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffK", System.Globalization.CultureInfo.InvariantCulture);
        string line = _json
            ? $"{{\"level\":\"{level}\",\"msg\":{Quote(message)},\"time\":\"{time}\"}}\n"
            : $"time=\"{time}\" level={level} msg={Quote(message)}\n";
        try { File.AppendAllText(_path, line); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // the error still reaches stderr
    }

    /// <summary>A JSON string (logrus's text format quotes the same way for a message with spaces).</summary>
    private static string Quote(string text)
    {
        var bytes = new List<byte> { (byte)'"' };
        JsonText.AppendEscaped(bytes, Encoding.UTF8.GetBytes(text));
        bytes.Add((byte)'"');
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
