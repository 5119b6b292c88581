using System.Text;

namespace ContainerPS.Shim.Logging;

/// <summary>
/// A JSON string body from raw process output: UTF-8 copied as is, quotes, backslashes and control characters
/// escaped, invalid UTF-8 replaced by U+FFFD (as Go's encoding/json, which docker uses).
/// </summary>
internal static class JsonText
{
    private static readonly byte[] Replacement = Encoding.UTF8.GetBytes("\uFFFD");

    public static void AppendEscaped(List<byte> output, ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(text, out Rune rune, out int consumed);
            if (status != System.Buffers.OperationStatus.Done) output.AddRange(Replacement);
            else if (rune.Value < 0x80) AppendAscii(output, (byte)rune.Value);
            else output.AddRange(text[..consumed]);
            text = text[consumed..];
        }
    }

    private static void AppendAscii(List<byte> output, byte c)
    {
        switch (c)
        {
            case (byte)'"': Add(output, "\\\""); break;
            case (byte)'\\': Add(output, "\\\\"); break;
            case (byte)'\n': Add(output, "\\n"); break;
            case (byte)'\r': Add(output, "\\r"); break;
            case (byte)'\t': Add(output, "\\t"); break;
            case < 0x20: Add(output, $"\\u{c:x4}"); break;
            default: output.Add(c); break;
        }
    }

    private static void Add(List<byte> output, string ascii)
    {
        foreach (char c in ascii) output.Add((byte)c);
    }
}
