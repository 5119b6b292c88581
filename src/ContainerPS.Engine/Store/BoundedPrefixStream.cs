using ContainerPS.Engine.IO;

namespace ContainerPS.Engine.Store;

/// <summary>A read-only view of the first <c>length</c> bytes of a stream (the part of a partial download already on disk).</summary>
internal sealed class BoundedPrefixStream(Stream inner, long prefixLength) : ReadOnlyStream
{
    private long _remaining = prefixLength;

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0) return 0;
        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
