namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Cuts a growing file into complete lines: what follows the last newline is kept until the writer finishes it,
/// so a reader following the log never sees half a JSON object.
/// </summary>
internal sealed class LogLineSplitter(Stream stream)
{
    /// <summary>A line longer than this is garbage (the supervisor splits at 16 KiB): it is dropped.</summary>
    private const int MaxLineBytes = 4 * 1024 * 1024;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _partial = new();

    /// <summary>Every line completed since the last call; empty when nothing new was written.</summary>
    public List<byte[]> ReadAvailable()
    {
        var lines = new List<byte[]>();
        int read;
        while ((read = stream.Read(_buffer, 0, _buffer.Length)) > 0)
        {
            var span = _buffer.AsSpan(0, read);
            int newline;
            while ((newline = span.IndexOf((byte)'\n')) >= 0)
            {
                _partial.Write(span[..newline]);
                lines.Add(_partial.ToArray());
                _partial.SetLength(0);
                span = span[(newline + 1)..];
            }

            _partial.Write(span);
            if (_partial.Length > MaxLineBytes) _partial.SetLength(0);
        }

        return lines;
    }
}
