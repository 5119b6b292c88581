using ContainerPS.Runtime.Contract;
using System.Text;
using System.Text.Json;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Reads a container's ctr.log (docker's json-file format) as log entries: the lines already written, filtered by
/// stream and time and cut to the last N, then, when following, every new line until the container exits.
/// Split lines (json-file parts without a final newline) are joined back into one entry.
/// </summary>
internal sealed class JsonFileLogReader(string path, string containerId)
{
    private static readonly TimeSpan FollowSlice = TimeSpan.FromMilliseconds(50);
    private readonly Dictionary<LogStream, StringBuilder> _pending = [];
    private readonly Dictionary<LogStream, DateTimeOffset> _pendingTime = [];

    public IEnumerable<ContainerLogEntry> Read(LogQuery query, ExitWatch? watch, CancellationToken ct)
    {
        // Rotated files first, oldest first; not when reading only what a start about to happen writes.
        var earlier = query.FromPosition is null ? RotatedLines() : [];
        var stream = Open(query.Follow ? watch : null, ct);
        try
        {
            var lines = stream is null ? null : new LogLineSplitter(stream);
            if (stream is not null && query.FromPosition is { } position) stream.Seek(Math.Min(position, stream.Length), SeekOrigin.Begin);
            var backlog = Parse([.. earlier, .. lines?.ReadAvailable() ?? []]).Where(e => Wanted(e, query));
            bool following = query.Follow && watch is not null && lines is not null;
            if (!following) backlog = backlog.Concat(Rest()).Where(e => Wanted(e, query));
            foreach (var entry in query.Tail is { } tail ? backlog.TakeLast(Math.Max(0, tail)) : backlog) yield return entry;
            if (!following) yield break;

            while (true)
            {
                var exited = watch!.HasExited(); // read before the file, so that lines written before the exit are all drained
                foreach (var entry in Parse(lines!.ReadAvailable()).Where(e => Wanted(e, query))) yield return entry;
                if (LogFileIdentity.Moved(stream!, path))
                {
                    // Rotated: what the supervisor wrote to the old file before the rename is read, then the new file.
                    foreach (var entry in Parse(lines.ReadAvailable()).Where(e => Wanted(e, query))) yield return entry;
                    stream!.Dispose();
                    if ((stream = Open(watch, ct)) is null) yield break;
                    lines = new LogLineSplitter(stream);
                    continue;
                }
                if (exited)
                {
                    foreach (var entry in Rest().Where(e => Wanted(e, query))) yield return entry;
                    yield break;
                }
                watch.Pause(FollowSlice);
                ct.ThrowIfCancellationRequested();
            }
        }
        finally { stream?.Dispose(); }
    }

    /// <summary>The lines of the rotated files (ctr.log.N ... ctr.log.1), oldest first.</summary>
    private List<byte[]> RotatedLines()
    {
        var lines = new List<byte[]>();
        foreach (var file in RotatedLogs.OldestFirst(path).SkipLast(1))
        {
            try
            {
                using var rotated = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                lines.AddRange(new LogLineSplitter(rotated).ReadAvailable());
            }
            catch (FileNotFoundException)
            {
                // rotated away meanwhile: its lines are older than what is kept
            }
        }
        return lines;
    }

    /// <summary>The log file, once the supervisor has created it; null if it does not exist (and, following, the container exited first).</summary>
    private FileStream? Open(ExitWatch? watch, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            }
            catch (FileNotFoundException)
            {
                if (watch is null || watch.HasExited()) return null;
            }

            watch.Pause(FollowSlice);
            ct.ThrowIfCancellationRequested();
        }
    }

    private IEnumerable<ContainerLogEntry> Parse(List<byte[]> lines)
    {
        foreach (var bytes in lines)
        {
            if (Decode(bytes) is not { } line || StreamOf(line.Stream) is not { } logStream) continue;
            if (!_pending.TryGetValue(logStream, out var text)) _pending[logStream] = text = new StringBuilder();
            text.Append(line.Log);
            _pendingTime[logStream] = LogTime.Parse(line.Time) ?? DateTimeOffset.MinValue;
            if (!line.Log.EndsWith('\n')) continue; // the first parts of a long line: wait for its end
            var message = text.ToString(0, text.Length - 1);
            text.Clear();
            yield return new ContainerLogEntry(LogTime.Parse(line.Time) ?? DateTimeOffset.MinValue, logStream, message, containerId);
        }
    }

    /// <summary>
    /// The last piece of each stream when it ended without a newline (printf 'abc'; the supervisor writes what is left
    /// at EOF as it is), once no more will come: the end of the file read, or of a container that has exited.
    /// </summary>
    private IEnumerable<ContainerLogEntry> Rest()
    {
        foreach (var (logStream, text) in _pending.Where(p => p.Value.Length > 0).ToList())
        {
            var message = text.ToString();
            text.Clear();
            yield return new ContainerLogEntry(_pendingTime.GetValueOrDefault(logStream, DateTimeOffset.MinValue), logStream, message, containerId);
        }
    }

    private static JsonFileLine? Decode(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, ContainerJsonContext.Default.JsonFileLine);
        }
        catch (JsonException)
        {
            return null; // a line torn by a crash: skip it, as docker does
        }
    }

    private static LogStream? StreamOf(string name) => name switch
    {
        "stdout" => LogStream.Stdout,
        "stderr" => LogStream.Stderr,
        _ => null,
    };

    private static bool Wanted(ContainerLogEntry entry, LogQuery query) =>
        (query.Streams & entry.Stream) != 0 && (query.Since is not { } since || entry.Timestamp >= since);
}
