using System.Diagnostics;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Push;

/// <summary>
/// Turns the byte counts of concurrent blob uploads into <see cref="PushProgress"/> reports, at most one per blob every 100 ms.
/// A blob's count may fall back (an upload started afresh), so the total is the sum of each blob's latest count.
/// </summary>
internal sealed class PushProgressTracker(IProgress<PushProgress>? sink, IReadOnlyList<Descriptor> blobs)
{
    private static readonly long ReportInterval = Stopwatch.Frequency / 10;
    private readonly long[] _done = new long[blobs.Count];
    private readonly long[] _lastReport = new long[blobs.Count];
    private readonly long _total = blobs.Sum(b => b.Size);

    public void Report(PushPhase phase, string message) =>
        sink?.Report(new PushProgress { Phase = phase, TotalBytesDone = Total, TotalBytesTotal = _total, Message = message });

    /// <summary>The progress sink of blob <paramref name="index"/>, fed with the bytes of it the registry has been sent.</summary>
    public IProgress<long> ForBlob(int index) => new Progress(this, index);

    public void Finished(int index, PushPhase phase)
    {
        Interlocked.Exchange(ref _done[index], blobs[index].Size);
        ReportBlob(index, phase);
    }

    // Aligned 64-bit reads do not tear on the 64-bit hosts the engine runs on; a total a moment old is fine for a bar.
    private long Total => _done.Sum();

    private void OnBytes(int index, long done)
    {
        Interlocked.Exchange(ref _done[index], done);
        var now = Stopwatch.GetTimestamp();
        if (now - _lastReport[index] < ReportInterval && done < blobs[index].Size) return;
        _lastReport[index] = now;
        ReportBlob(index, PushPhase.Uploading);
    }

    private void ReportBlob(int index, PushPhase phase) =>
        sink?.Report(new PushProgress
        {
            Phase = phase,
            Blob = blobs[index].Digest,
            BlobIndex = index,
            BlobBytesDone = Interlocked.Read(ref _done[index]),
            BlobBytesTotal = blobs[index].Size,
            TotalBytesDone = Total,
            TotalBytesTotal = _total,
        });

    // Reports synchronously on the uploading thread, unlike System.Progress, which would post them out of order.
    private sealed class Progress(PushProgressTracker owner, int index) : IProgress<long>
    {
        public void Report(long value) => owner.OnBytes(index, value);
    }
}
