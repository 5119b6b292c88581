using ContainerPS.Engine.IO;

namespace ContainerPS.Engine.Pull;

/// <summary>
/// Copies every byte read from the network into the blob's ingest file on the way to the unpacker: one pass
/// downloads, stores and unpacks a layer while its bytes arrive.
/// </summary>
internal sealed class TeeReadStream(Stream source, Stream copy) : ReadOnlyStream
{
    public override int Read(Span<byte> buffer)
    {
        var n = source.Read(buffer);
        if (n > 0) copy.Write(buffer[..n]);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) source.Dispose(); // the copy belongs to the ingest, which decides whether to keep it
        base.Dispose(disposing);
    }
}
