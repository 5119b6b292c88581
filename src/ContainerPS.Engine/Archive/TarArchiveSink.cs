using ContainerPS.Engine.IO;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// Writes the outer tar of an archive with fixed header fields (mode 0644, uid/gid 0, mtime 0, no user names), so
/// the same images give the same bytes on every run. A docker-archive layer is decompressed while it is written and
/// its length is known only at its end, so each header is written first and rewritten once the data is in: the
/// output is the temp file beside the target, which can seek.
/// </summary>
internal sealed class TarArchiveSink(EarlyWritebackStream output) : IArchiveSink
{
    private const long MaxOctalSize = 0x1FFFFFFFF; // 11 octal digits: the largest size a ustar header holds
    private const int MaxUstarName = 100;
    private readonly byte[] _buffer = new byte[1 << 16];

    public Digest Add(string path, Stream content, CancellationToken ct)
    {
        if (path.Length >= MaxUstarName) throw new ArgumentException($"Archive path '{path}' is too long for a ustar header.", nameof(path));
        var headerAt = output.Position;
        WriteHeader(path, 0);
        using var hashing = new HashingWriteStream(output, leaveOpen: true);
        int n;
        while ((n = content.Read(_buffer)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            hashing.Write(_buffer.AsSpan(0, n));
        }

        var size = hashing.BytesWritten;
        if (size > MaxOctalSize)
            throw Errors.Fail.NotSupported("ArchiveEntryTooLarge", $"'{path}' is {size} bytes; archive entries over 8 GiB are not supported.", path);
        TarHeaderWriter.Pad(output, size);
        var end = output.Position;
        output.Position = headerAt;
        WriteHeader(path, size);
        output.Position = end;
        return hashing.Digest();
    }

    public void Complete()
    {
        output.Write(new byte[2 * TarHeaderWriter.BlockSize]); // the end-of-archive marker
        output.Flush(flushToDisk: true);
    }

    public void Dispose() => output.Dispose();

    private void WriteHeader(string path, long size) =>
        TarHeaderWriter.Write(output, new LayerEntry(path, LayerEntryKind.Regular, 0x1A4, 0, 0, 0, size, null, 0, 0, [], "", 0), path, (byte)'0');
}
