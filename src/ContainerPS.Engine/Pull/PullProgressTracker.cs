using System.Diagnostics;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Pull;

/// <summary>
/// Sums layer byte counts from concurrent workers into <see cref="PullProgress"/> reports, throttled so that the
/// cmdlet's Write-Progress is not flooded (at most one byte-count report per layer every 100 ms).
/// </summary>
internal sealed class PullProgressTracker(IProgress<PullProgress>? sink, long totalBytes)
{
    private static readonly long ReportInterval = Stopwatch.Frequency / 10;
    private long _totalDone;

    public void Report(PullPhase phase, string? message = null) =>
        sink?.Report(new PullProgress { Phase = phase, TotalBytesDone = Interlocked.Read(ref _totalDone), TotalBytesTotal = totalBytes, Message = message });

    public LayerProgress ForLayer(LayerJob job) => new(this, job);

    internal void Add(long bytes) => Interlocked.Add(ref _totalDone, bytes);

    internal void ReportLayer(LayerJob job, PullPhase phase, long layerDone) =>
        sink?.Report(new PullProgress
        {
            Phase = phase,
            Layer = job.Layer.Digest,
            LayerIndex = job.Index,
            LayerBytesDone = layerDone,
            LayerBytesTotal = job.Layer.Size,
            TotalBytesDone = Interlocked.Read(ref _totalDone),
            TotalBytesTotal = totalBytes,
        });

    /// <summary>The progress of one layer; <see cref="OnBytes"/> is called from the layer's worker thread only.</summary>
    internal sealed class LayerProgress(PullProgressTracker owner, LayerJob job)
    {
        private long _done;
        private long _lastReport;

        public void OnBytes(int count)
        {
            _done += count;
            owner.Add(count);
            var now = Stopwatch.GetTimestamp();
            if (now - _lastReport < ReportInterval) return;
            _lastReport = now;
            owner.ReportLayer(job, PullPhase.Downloading, _done);
        }

        public void Phase(PullPhase phase) => owner.ReportLayer(job, phase, _done);

        /// <summary>A layer that was already stored counts as fully done.</summary>
        public void AlreadyStored()
        {
            owner.Add(job.Layer.Size - _done);
            _done = job.Layer.Size;
            owner.ReportLayer(job, PullPhase.AlreadyExists, _done);
        }
    }
}
