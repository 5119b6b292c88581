using ContainerPS.Engine.IO;

namespace ContainerPS.Engine.Pull;

/// <summary>Reads one stream to its end, then the next: a resumed blob is its on-disk prefix followed by the network rest.</summary>
internal sealed class ConcatReadStream(Stream first, Stream second) : ReadOnlyStream
{
    private bool _firstDone;

    public override int Read(Span<byte> buffer)
    {
        if (!_firstDone)
        {
            var n = first.Read(buffer);
            if (n > 0) return n;
            _firstDone = true;
        }

        return second.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            first.Dispose();
            second.Dispose();
        }

        base.Dispose(disposing);
    }
}
