namespace ContainerPS.Engine.IO;

/// <summary>A write-only stream that keeps nothing and counts the bytes written to it: to measure an output's size.</summary>
public sealed class CountingSink : Stream
{
    private long _length;

    public override long Length => _length;
    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    public override void Write(byte[] buffer, int offset, int count) => _length += count;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
