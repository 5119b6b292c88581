using ContainerPS.Engine.Native;

namespace ContainerPS.Engine.IO;

/// <summary>
/// A file being written that will be fsynced at its end (a blob, an archive): every 8 MiB written, the kernel is asked
/// to start writing the range out (sync_file_range(2), SYNC_FILE_RANGE_WRITE, which does not wait), so the disk works
/// while the writer still computes, and the final fsync waits only for the tail. It changes when data reaches the disk,
/// never what or whether: the caller's fsync stays the durability point. Measured on a 160 MB docker-archive export
/// (docs/archives.md): with it, export and fsync took no longer than the export without any fsync.
/// </summary>
public sealed class EarlyWritebackStream(FileStream file) : Stream
{
    private const long KickBytes = 8 << 20;
    private readonly int _fd = (int)file.SafeFileHandle.DangerousGetHandle();
    private long _kickedUpTo;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        file.Write(buffer);
        long position = file.Position;
        if (position - _kickedUpTo < KickBytes) return;
        file.Flush(); // the FileStream's own buffer into the page cache, so the range is all there
        // Advisory: an error here (a file system without it) only means the final fsync does all the work.
        _ = LibCExtra.sync_file_range(_fd, _kickedUpTo, position - _kickedUpTo, LibCExtra.SYNC_FILE_RANGE_WRITE);
        _kickedUpTo = position;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override bool CanRead => false;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    public override void Flush() => file.Flush();

    /// <summary>Flushes to the page cache and, with <paramref name="flushToDisk"/>, waits for the disk (fsync).</summary>
    public void Flush(bool flushToDisk) => file.Flush(flushToDisk);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);
    public override void SetLength(long value) => file.SetLength(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }
}
