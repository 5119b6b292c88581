namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// A read-only view of <paramref name="inner"/> that also disposes <paramref name="owned"/>: SharpCompress's XZStream
/// leaves its base stream open, and the archive file's fd must not wait for the finalizer.
/// </summary>
internal sealed class OwningReadStream(Stream inner, IDisposable owned) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

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
            inner.Dispose();
            owned.Dispose();
        }
        base.Dispose(disposing);
    }
}
