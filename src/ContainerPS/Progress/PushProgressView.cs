using System.Management.Automation;
using ContainerPS.Engine.Images;

namespace ContainerPS.Progress;

/// <summary>
/// Shows a push as nested Write-Progress records, as a pull shows (DESIGN.md, "Errors, threads, progress"): one parent bar of the
/// bytes of all blobs, a child bar per blob, only the newest state of each written per batch of reports.
/// </summary>
internal sealed class PushProgressView(Action<ProgressRecord> write, string reference)
{
    private const int ParentId = 1;

    private readonly ProgressRecord _parent = new(ParentId, $"Pushing {reference}", "Preparing");
    private readonly Dictionary<int, ProgressRecord> _blobs = [];

    public void Show(IReadOnlyList<PushProgress> reports)
    {
        var changed = new SortedDictionary<int, ProgressRecord>();
        foreach (var report in reports)
        {
            _parent.StatusDescription = report.Phase switch
            {
                PushPhase.Preparing => "Preparing",
                PushPhase.WritingManifest => "Writing the manifest",
                PushPhase.Complete => "Complete",
                _ => $"{ByteSize.Format(report.TotalBytesDone)} of {ByteSize.Format(report.TotalBytesTotal)}",
            };
            if (report.TotalBytesTotal > 0) _parent.PercentComplete = Percent(report.TotalBytesDone, report.TotalBytesTotal);
            if (report.BlobIndex >= 0) changed[report.BlobIndex] = UpdateBlob(report);
        }

        if (reports.Count > 0) write(_parent);
        foreach (var blob in changed.Values) write(blob);
    }

    /// <summary>Clears every bar this push showed, whether it succeeded or failed.</summary>
    public void Complete()
    {
        foreach (var blob in _blobs.Values.Where(b => b.RecordType != ProgressRecordType.Completed).Append(_parent))
        {
            blob.RecordType = ProgressRecordType.Completed;
            write(blob);
        }
    }

    private ProgressRecord UpdateBlob(PushProgress report)
    {
        if (!_blobs.TryGetValue(report.BlobIndex, out var record))
        {
            record = new ProgressRecord(ParentId + 1 + report.BlobIndex, $"Blob {report.Blob?.ShortId}", "Waiting") { ParentActivityId = ParentId };
            _blobs.Add(report.BlobIndex, record);
        }

        record.StatusDescription = report.Phase switch
        {
            PushPhase.BlobExisted => "Layer already exists",
            PushPhase.BlobMounted => "Mounted",
            PushPhase.BlobUploaded => "Pushed",
            _ => $"{ByteSize.Format(report.BlobBytesDone)} of {ByteSize.Format(report.BlobBytesTotal)}",
        };
        if (report.BlobBytesTotal > 0) record.PercentComplete = Percent(report.BlobBytesDone, report.BlobBytesTotal);
        if (report.Phase is PushPhase.BlobExisted or PushPhase.BlobMounted or PushPhase.BlobUploaded) record.RecordType = ProgressRecordType.Completed;
        return record;
    }

    private static int Percent(long done, long total) => (int)Math.Clamp(done * 100 / total, 0, 100);
}
