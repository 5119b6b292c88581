namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Sits between the decompressor and <see cref="System.Formats.Tar.TarReader"/> and enforces the layer's bounds
/// before the reader can act on them:
/// <list type="bullet">
/// <item>total uncompressed bytes (<c>LayerTooLarge</c>), so a decompression bomb stops in constant memory;</item>
/// <item>the size of PAX and GNU long-name headers, checked on the raw header block, because TarReader rents a
///   buffer as large as the header claims (up to 2 GiB) before it reads a byte of it;</item>
/// <item>a copy of the raw PAX records of the current entry, whose binary values TarReader cannot return intact.</item>
/// </list>
/// The applier tells it where each entry's data ends (<see cref="DataFollows"/>) so it knows where the next header is.
/// </summary>
internal sealed class BoundedTarStream : Stream
{
    private const int BlockSize = 512;
    private const int SizeFieldOffset = 124;
    private const int SizeFieldLength = 12;
    private const int TypeFlagOffset = 156;
    private const long Unknown = -1;

    private readonly Stream _inner;
    private readonly UnpackLimits _limits;
    private readonly byte[] _block = new byte[BlockSize];
    private int _blockStart;
    private int _blockEnd;
    private long _position;
    private long _nextHeader;
    private bool _inspecting = true;

    private byte[] _pax = [];
    private long _paxStart = Unknown;
    private int _paxLength;
    private bool _paxPending;
    private int _entryPaxLength;

    public BoundedTarStream(Stream inner, UnpackLimits limits)
    {
        _inner = inner;
        _limits = limits;
    }

    /// <summary>The raw records of the PAX header that belongs to the entry TarReader returned last (empty if none).</summary>
    public ReadOnlySpan<byte> EntryPaxRecords => _pax.AsSpan(0, _entryPaxLength);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Called after each entry header: <paramref name="dataLength"/> bytes of data (then padding) precede the next header.</summary>
    public void DataFollows(long dataLength)
    {
        if (_nextHeader == Unknown)
        {
            _nextHeader = _position + RoundUpToBlock(dataLength);
        }
    }

    /// <summary>After the end-of-archive marker whatever follows is not tar and is only counted.</summary>
    public void StopInspecting() => _inspecting = false;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_blockStart == _blockEnd && _inspecting && _position == _nextHeader)
        {
            ReadHeaderBlock();
        }

        if (_blockStart < _blockEnd)
        {
            int served = Math.Min(buffer.Length, _blockEnd - _blockStart);
            _block.AsSpan(_blockStart, served).CopyTo(buffer);
            _blockStart += served;
            Advance(served);
            return served;
        }

        return ReadThrough(buffer);
    }

    private int ReadThrough(Span<byte> buffer)
    {
        if (_inspecting && _nextHeader > _position && _nextHeader - _position < buffer.Length)
        {
            buffer = buffer[..(int)(_nextHeader - _position)];
        }

        int read = _inner.Read(buffer);
        CapturePax(buffer[..read]);
        Advance(read);
        return read;
    }

    private void ReadHeaderBlock()
    {
        _blockStart = 0;
        _blockEnd = _inner.ReadAtLeast(_block, BlockSize, throwOnEndOfStream: false);
        if (_blockEnd == BlockSize)
        {
            InspectHeader(_block);
        }
    }

    private void InspectHeader(ReadOnlySpan<byte> header)
    {
        if (!header.ContainsAnyExcept((byte)0))
        {
            _nextHeader = _position + BlockSize; // end-of-archive marker: two zero blocks
            return;
        }

        byte type = header[TypeFlagOffset];
        if (type is (byte)'x' or (byte)'g' or (byte)'L' or (byte)'K')
        {
            long size = CheckedMetadataSize(header, type);
            _nextHeader = _position + BlockSize + RoundUpToBlock(size);
            if (type == (byte)'x')
            {
                StartPaxCapture(_position + BlockSize, (int)size);
            }

            return;
        }

        // The entry itself: the PAX header captured since the previous entry is its own.
        _entryPaxLength = _paxPending ? _paxLength : 0;
        _paxPending = false;
        _nextHeader = Unknown;
    }

    private long CheckedMetadataSize(ReadOnlySpan<byte> header, byte type)
    {
        long size = TarNumber.Parse(header.Slice(SizeFieldOffset, SizeFieldLength));
        if (size < 0)
        {
            throw UnpackErrors.InvalidLayer($"A tar '{(char)type}' header at offset {_position} has a malformed size field.");
        }

        if (size > _limits.MaxPaxHeaderBytes)
        {
            throw UnpackErrors.InvalidLayer(
                $"A tar '{(char)type}' header at offset {_position} is {size} bytes; the limit is {_limits.MaxPaxHeaderBytes} bytes.");
        }

        return size;
    }

    private void StartPaxCapture(long start, int length)
    {
        if (_pax.Length < length)
        {
            _pax = new byte[Math.Max(length, Math.Min(_pax.Length * 2, _limits.MaxPaxHeaderBytes))];
        }

        _paxStart = start;
        _paxLength = length;
        _paxPending = true;
    }

    private void CapturePax(ReadOnlySpan<byte> data)
    {
        long captureEnd = _paxStart + _paxLength;
        if (_paxStart == Unknown || _position >= captureEnd || _position + data.Length <= _paxStart)
        {
            return;
        }

        long from = Math.Max(_position, _paxStart);
        long to = Math.Min(_position + data.Length, captureEnd);
        data[(int)(from - _position)..(int)(to - _position)].CopyTo(_pax.AsSpan((int)(from - _paxStart)));
    }

    private void Advance(int count)
    {
        _position += count;
        if (_position > _limits.MaxLayerBytes)
        {
            throw UnpackErrors.TooLarge($"The layer is larger than the limit of {_limits.MaxLayerBytes} uncompressed bytes.");
        }
    }

    private static long RoundUpToBlock(long length) => (length + BlockSize - 1) / BlockSize * BlockSize;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
