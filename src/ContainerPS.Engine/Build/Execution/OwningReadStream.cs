using ContainerPS.Engine.IO;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// A read-only view of <paramref name="inner"/> that also disposes <paramref name="owned"/>: SharpCompress's XZStream
/// leaves its base stream open, and the archive file's fd must not wait for the finalizer.
/// </summary>
internal sealed class OwningReadStream(Stream inner, IDisposable owned) : ReadOnlyStream
{
    public override int Read(Span<byte> buffer) => inner.Read(buffer);

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
