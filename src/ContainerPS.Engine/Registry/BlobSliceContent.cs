using System.Net;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// A request body of <paramref name="length"/> bytes of a blob from <paramref name="offset"/>, opened when it is sent (so every
/// attempt reads afresh) and copied in 1 MiB writes, reporting each one: the caller counts progress and resets its silence
/// watchdog there, since a large body may rightly take minutes.
/// </summary>
internal sealed class BlobSliceContent(Func<long, Stream> openAt, long offset, long length, Action<long> sent) : HttpContent
{
    private const int CopyBufferBytes = 1 << 20;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var source = openAt(offset);
        var buffer = new byte[(int)Math.Min(CopyBufferBytes, Math.Max(1, length))];
        for (var remaining = length; remaining > 0;)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (read == 0) throw new IOException($"The blob ended {remaining} bytes early while it was sent.");
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            remaining -= read;
            sent(read);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }
}
