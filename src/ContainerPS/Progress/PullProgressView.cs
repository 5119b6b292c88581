using System.Management.Automation;
using ContainerPS.Engine.Images;

namespace ContainerPS.Progress;

/// <summary>
/// Shows a pull as nested Write-Progress records: one parent bar for the bytes of all layers and a child bar per
/// layer (DESIGN.md, "Errors, threads, progress"). Reports arrive in batches; only the newest state of each bar is
/// written, so a fast download does not flood the host.
/// </summary>
internal sealed class PullProgressView(Action<ProgressRecord> write, string reference)
{
    // The host keys bars by the command's source id and the activity id, so fixed ids cannot collide with
    // another command's bars.
    private const int ParentId = 1;

    private readonly ProgressRecord _parent = new(ParentId, $"Pulling {reference}", "Resolving");
    private readonly Dictionary<int, ProgressRecord> _layers = [];

    public void Show(IReadOnlyList<PullProgress> reports)
    {
        var changed = new SortedDictionary<int, ProgressRecord>();
        foreach (var report in reports)
        {
            UpdateParent(report);
            if (report.LayerIndex >= 0) changed[report.LayerIndex] = UpdateLayer(report);
        }

        if (reports.Count > 0) write(_parent);
        foreach (var layer in changed.Values) write(layer);
    }

    /// <summary>Clears every bar this pull showed, whether it succeeded or failed.</summary>
    public void Complete()
    {
        foreach (var layer in _layers.Values.Where(l => l.RecordType != ProgressRecordType.Completed))
        {
            layer.RecordType = ProgressRecordType.Completed;
            write(layer);
        }

        _parent.RecordType = ProgressRecordType.Completed;
        write(_parent);
    }

    private void UpdateParent(PullProgress report)
    {
        _parent.StatusDescription = report.Phase switch
        {
            PullPhase.Resolving => "Resolving",
            PullPhase.Committing => "Committing",
            PullPhase.Complete => "Complete",
            _ => $"{ByteSize.Format(report.TotalBytesDone)} of {ByteSize.Format(report.TotalBytesTotal)}",
        };
        if (report.TotalBytesTotal > 0) _parent.PercentComplete = Percent(report.TotalBytesDone, report.TotalBytesTotal);
    }

    private ProgressRecord UpdateLayer(PullProgress report)
    {
        if (!_layers.TryGetValue(report.LayerIndex, out var record))
        {
            var name = report.Layer?.ShortId ?? $"#{report.LayerIndex + 1}";
            record = new ProgressRecord(ParentId + 1 + report.LayerIndex, $"Layer {name}", "Waiting") { ParentActivityId = ParentId };
            _layers.Add(report.LayerIndex, record);
        }

        record.StatusDescription = report.Phase switch
        {
            PullPhase.Waiting => "Waiting",
            PullPhase.AlreadyExists => "Already exists",
            PullPhase.LayerComplete => "Pull complete",
            _ => $"{ByteSize.Format(report.LayerBytesDone)} of {ByteSize.Format(report.LayerBytesTotal)}",
        };
        if (report.LayerBytesTotal > 0) record.PercentComplete = Percent(report.LayerBytesDone, report.LayerBytesTotal);
        if (report.Phase is PullPhase.AlreadyExists or PullPhase.LayerComplete) record.RecordType = ProgressRecordType.Completed;
        return record;
    }

    private static int Percent(long done, long total) => (int)Math.Clamp(done * 100 / total, 0, 100);
}
