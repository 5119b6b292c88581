using System.Management.Automation;
using ContainerPS.Engine.Archive;

namespace ContainerPS.Progress;

/// <summary>Shows an export or import as one Write-Progress bar that advances per blob; only a batch's newest report is written.</summary>
internal sealed class ArchiveProgressView(Action<ProgressRecord> write, string activity)
{
    private readonly ProgressRecord _record = new(1, activity, "Starting");

    public void Show(IReadOnlyList<ArchiveProgress> reports)
    {
        if (reports.Count == 0) return;
        var last = reports[^1];
        _record.StatusDescription = $"Blob {last.Index} of {last.Count}: {last.Item}";
        _record.PercentComplete = (int)(100L * (last.Index - 1) / Math.Max(1, last.Count));
        write(_record);
    }

    public void Complete()
    {
        _record.RecordType = ProgressRecordType.Completed;
        write(_record);
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool, showing its reports on this thread, and clears the bar after.</summary>
    public static T Run<T>(Action<ProgressRecord> write, string activity, Func<IProgress<ArchiveProgress>, Task<T>> work)
    {
        var view = new ArchiveProgressView(write, activity);
        try
        {
            return ProgressPump.Run<ArchiveProgress, T>(work, view.Show);
        }
        finally
        {
            view.Complete();
        }
    }
}
