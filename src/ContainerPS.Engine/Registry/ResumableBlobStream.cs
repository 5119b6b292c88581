using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// A blob body that survives dropped connections: when a read fails (or the body ends before the descriptor's size),
/// the blob is reopened from the current position with <c>Range</c> (distribution-spec spec.md, "Pulling blobs",
/// range requests), up to <see cref="RetryPolicy.MaxRetries"/> times in a row. It never yields more than the
/// descriptor's size; a body that is longer is <c>BlobSizeMismatch</c>. It does not hash: the caller does, while streaming.
/// </summary>
internal sealed class ResumableBlobStream : Stream
{
    /// <summary>Opens the blob's body at an absolute offset.</summary>
    public delegate Task<Stream> Opener(long offset, CancellationToken ct);

    private readonly Opener _open;
    private readonly RetryPolicy _retry;
    private readonly string _host;
    private readonly string _target;
    private readonly long _size;
    private Stream? _current;
    private long _position;
    private int _failuresInARow;
    private bool _checkedEnd;

    public ResumableBlobStream(Stream first, long offset, long size, Opener open, RetryPolicy retry, string host, string target)
    {
        _current = first;
        _position = offset;
        _size = size;
        _open = open;
        _retry = retry;
        _host = host;
        _target = target;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty) return 0;
        if (_position == _size)
        {
            await EnsureNothingFollowsAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var wanted = buffer[..(int)Math.Min(buffer.Length, _size - _position)];
        while (true)
        {
            Exception? failure = null;
            try
            {
                _current ??= await _open(_position, cancellationToken).ConfigureAwait(false);
                using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                silence.CancelAfter(RetryPolicy.SilenceTimeout);
                var read = await _current.ReadAsync(wanted, silence.Token).ConfigureAwait(false);
                if (read > 0)
                {
                    _position += read;
                    _failuresInARow = 0;
                    return read;
                }
            }
            catch (Exception e) when (RetryPolicy.IsConnectionFailure(e, cancellationToken))
            {
                failure = e;
            }

            await DropCurrentAsync().ConfigureAwait(false);
            if (_failuresInARow >= _retry.MaxRetries) throw failure is null ? EndedEarly() : RetryPolicy.Unreachable(_host, failure);
            await _retry.DelayAsync(_failuresInARow++, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>At the descriptor's size, one more byte from the server means the blob is not what the manifest says.</summary>
    private async Task EnsureNothingFollowsAsync(CancellationToken ct)
    {
        if (_checkedEnd || _current is null) return;
        _checkedEnd = true;
        var probe = new byte[1];
        int extra;
        try
        {
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
            silence.CancelAfter(RetryPolicy.SilenceTimeout);
            extra = await _current.ReadAsync(probe, silence.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (RetryPolicy.IsConnectionFailure(e, ct))
        {
            extra = 0; // Every byte we wanted arrived; how the connection ends after that does not matter.
        }
        await DropCurrentAsync().ConfigureAwait(false);
        if (extra > 0)
            throw Fail.DataIntegrity("BlobSizeMismatch", $"The registry {_host} sent more than the {_size} bytes the descriptor gives for {_target}.", _target);
    }

    private ContainerPSException EndedEarly() =>
        Fail.DataIntegrity("BlobSizeMismatch", $"The registry {_host} ended {_target} at {_position} of {_size} bytes, also after {_retry.MaxRetries} retries.", _target);

    private async Task DropCurrentAsync()
    {
        if (_current is null) return;
        await _current.DisposeAsync().ConfigureAwait(false);
        _current = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _current?.Dispose();
        _current = null;
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
