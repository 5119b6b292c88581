using System.IO.Compression;

namespace ContainerPS.Engine.Layers;

/// <summary>
/// A write-only gzip stream that compresses on every core: the input is cut into members of a fixed size, each
/// compressed on its own by the BCL's GZipStream (zlib-ng) and written in order. A file of several gzip members is one
/// gzip file (RFC 1952 §2.2), read whole by gzip, Go's compress/gzip (docker, containerd, podman, skopeo, umoci) and
/// the BCL. A member whose samples do not compress (<see cref="IncompressibleSample"/>: already compressed or random
/// data) is stored rather than deflated, as klauspost's compressors skip such input: deflating it costs most of a
/// layer's write time and gains nothing. Both choices depend only on the bytes, so the output is the same on every run.
/// </summary>
public sealed class ParallelGzipStream : Stream
{
    /// <summary>1 MiB members: the 32 KiB window restarts once per MiB (well under 1 % larger output) for 18 bytes of framing.</summary>
    public const int MemberBytes = 1 << 20;

    private readonly Stream _output;
    private readonly CompressionLevel _level;
    private readonly bool _leaveOpen;
    private readonly int _maxInFlight = Math.Max(2, Environment.ProcessorCount * 2);
    private readonly Queue<Task<MemoryStream>> _inFlight = new();
    private byte[] _buffer = new byte[MemberBytes];
    private int _filled;
    private bool _anyMember;
    private bool _disposed;

    public ParallelGzipStream(Stream output, CompressionLevel level, bool leaveOpen)
    {
        _output = output;
        _level = level;
        _leaveOpen = leaveOpen;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!buffer.IsEmpty)
        {
            int take = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == _buffer.Length) SubmitMember();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _disposed = true;
            try
            {
                if (_filled > 0 || !_anyMember) SubmitMember(); // an empty input is still one (empty) gzip member
                while (_inFlight.Count > 0) WriteOldest();
            }
            finally
            {
                if (!_leaveOpen) _output.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void SubmitMember()
    {
        var input = _buffer;
        int length = _filled;
        var level = _level;
        _inFlight.Enqueue(Task.Run(() => CompressMember(input, length, level)));
        _anyMember = true;
        _buffer = new byte[MemberBytes];
        _filled = 0;
        while (_inFlight.Count >= _maxInFlight) WriteOldest();
    }

    private void WriteOldest()
    {
        using var member = _inFlight.Dequeue().GetAwaiter().GetResult();
        member.Position = 0;
        member.CopyTo(_output);
    }

    /// <summary>
    /// The gzip member of no bytes (RFC 1952 §2.3: no name, mtime 0, Unix; RFC 1951: one empty fixed-Huffman final
    /// block; CRC-32 and size 0), which the BCL does not write for an empty input.
    /// </summary>
    private static readonly byte[] EmptyMember = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static MemoryStream CompressMember(byte[] input, int length, CompressionLevel level)
    {
        if (length == 0) return new MemoryStream(EmptyMember, writable: false);
        var member = new MemoryStream(length / 2 + 64);
        var chosen = IncompressibleSample.Detect(input.AsSpan(0, length)) ? CompressionLevel.NoCompression : level;
        using (var gzip = new GZipStream(member, chosen, leaveOpen: true)) gzip.Write(input, 0, length);
        return member;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_disposed;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { } // members are only complete at their size or at Dispose
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
