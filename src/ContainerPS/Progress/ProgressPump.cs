using System.Threading.Channels;

namespace ContainerPS.Progress;

/// <summary>
/// Runs engine work on the thread pool and carries its progress reports to the calling thread. The engine reports
/// from worker threads, but only the pipeline thread may call Write* (DESIGN.md, "Errors, threads, progress"),
/// so reports queue here and the pipeline thread drains them until the work ends.
/// </summary>
internal static class ProgressPump
{
    /// <summary>
    /// Starts <paramref name="work"/>, hands the reports queued since the last call to <paramref name="show"/> on this
    /// thread, and returns the work's result or rethrows its exception.
    /// </summary>
    public static TResult Run<TReport, TResult>(Func<IProgress<TReport>, Task<TResult>> work, Action<IReadOnlyList<TReport>> show)
    {
        var reports = Channel.CreateUnbounded<TReport>(new UnboundedChannelOptions { SingleReader = true });
        var sink = new ChannelProgress<TReport>(reports.Writer);
        var task = Task.Run(() => work(sink));
        task.ContinueWith(_ => reports.Writer.TryComplete(), TaskScheduler.Default);

        var batch = new List<TReport>();
        while (reports.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (reports.Reader.TryRead(out var report)) batch.Add(report);
            show(batch);
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>An IProgress that queues; a report that arrives after the work ended is dropped, never thrown.</summary>
    private sealed class ChannelProgress<T>(ChannelWriter<T> writer) : IProgress<T>
    {
        public void Report(T value) => writer.TryWrite(value);
    }
}
