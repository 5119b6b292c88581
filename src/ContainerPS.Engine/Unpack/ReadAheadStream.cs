using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Reads its source on a background thread, a few fixed buffers ahead of the consumer, so that decompression (and
/// whatever hashing or downloading the caller's stream does) runs on one core while the unpacker's syscalls run on
/// another: what `tar -xz` gets from running gzip as a separate process. Memory stays bounded: at most
/// <c>bufferCount</c> pooled buffers of <see cref="BufferSize"/> bytes, taken only as the reader gets ahead. Disposing
/// stops the reader thread and waits for it, so the caller may dispose the source right after.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    public const int BufferSize = 256 * 1024;
    private const int DefaultBufferCount = 4;

    private readonly Stream _source;
    private readonly int _bufferCount;
    private readonly BlockingCollection<byte[]> _free;
    private readonly BlockingCollection<Chunk> _filled;
    private int _allocated;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private Chunk _current = new([], 0);
    private int _offset;
    private bool _ended;
    private ExceptionDispatchInfo? _failure;

    private readonly bool _ownsSource;

    /// <param name="source">The stream read on the background thread.</param>
    /// <param name="ownsSource">Whether disposing this stream disposes <paramref name="source"/> too (after the thread has stopped).</param>
    /// <param name="bufferCount">How many buffers the reader may fill ahead of the consumer.</param>
    public ReadAheadStream(Stream source, bool ownsSource = false, int bufferCount = DefaultBufferCount)
    {
        _source = source;
        _ownsSource = ownsSource;
        _bufferCount = bufferCount;
        _free = new BlockingCollection<byte[]>(bufferCount);
        _filled = new BlockingCollection<Chunk>(bufferCount);

        _reader = new Thread(ReadSource) { IsBackground = true, Name = "ContainerPS layer read-ahead" };
        _reader.Start();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || !EnsureData())
        {
            return 0;
        }

        int count = Math.Min(buffer.Length, _current.Count - _offset);
        _current.Buffer.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    private bool EnsureData()
    {
        while (_offset == _current.Count)
        {
            if (_ended)
            {
                _failure?.Throw();
                return false;
            }

            if (_current.Buffer.Length > 0)
            {
                _free.Add(_current.Buffer);
            }

            _current = _filled.Take();
            _offset = 0;
            _failure = _current.Failure;
            _ended = _current.Count == 0;
        }

        return true;
    }

    private void ReadSource()
    {
        try
        {
            int read;
            do
            {
                byte[] buffer = NextFreeBuffer();
                read = _source.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                _filled.Add(new Chunk(buffer, read), _stop.Token);
            }
            while (read > 0);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed early: the consumer no longer wants data.
        }
        catch (Exception e)
        {
            PassOn(ExceptionDispatchInfo.Capture(e));
        }
    }

    private byte[] NextFreeBuffer()
    {
        if (_free.TryTake(out var buffer)) return buffer;
        if (_allocated < _bufferCount)
        {
            _allocated++;
            return ArrayPool<byte>.Shared.Rent(BufferSize);
        }

        return _free.Take(_stop.Token);
    }

    // The consumer rethrows the source's exception on its own thread, with the original stack.
    private void PassOn(ExceptionDispatchInfo failure)
    {
        try
        {
            _filled.Add(new Chunk([], 0, failure), _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Disposed: nobody is left to tell.
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            _reader.Join();
            if (_ownsSource) _source.Dispose();
            ReturnBuffers();
            _stop.Dispose();
            _free.Dispose();
            _filled.Dispose();
        }

        base.Dispose(disposing);
    }

    // The reader has stopped: every buffer is now free, filled but unread, or the one being read.
    private void ReturnBuffers()
    {
        if (_current.Buffer.Length > 0) ArrayPool<byte>.Shared.Return(_current.Buffer);
        _current = new Chunk([], 0);
        while (_free.TryTake(out var buffer)) ArrayPool<byte>.Shared.Return(buffer);
        while (_filled.TryTake(out var chunk))
        {
            if (chunk.Buffer.Length > 0) ArrayPool<byte>.Shared.Return(chunk.Buffer);
        }
    }

    private readonly record struct Chunk(byte[] Buffer, int Count, ExceptionDispatchInfo? Failure = null);
}
