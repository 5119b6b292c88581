namespace ContainerPS.Engine.Registry;

/// <summary>
/// Answers of slow lookups, kept for <c>lifetime</c> after they were asked for and at most <c>capacity</c> of them.
/// Concurrent lookups of one key share one fetch; a failed or cancelled fetch is forgotten, so the next lookup tries
/// again. When full, answers that are no longer usable go first, then the oldest.
/// </summary>
internal sealed class ExpiringCache<T>(TimeSpan lifetime, int capacity, TimeProvider time)
{
    private sealed record Entry(Task<T> Answer, DateTimeOffset Asked);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How many answers a lookup would be served now (a failed one is held until it is replaced, never served).</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _entries.Values.Count(e => IsUsable(e, time.GetUtcNow()));
        }
    }

    /// <summary>The cached answer for <paramref name="key"/>, or the one <paramref name="fetch"/> starts (it must not block).</summary>
    public Task<T> GetOrAdd(string key, Func<Task<T>> fetch)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_entries.TryGetValue(key, out var entry) && IsUsable(entry, now)) return entry.Answer;
            _entries.Remove(key);
            MakeRoom(now);
            var answer = fetch();
            _entries[key] = new Entry(answer, now);
            return answer;
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var stale in _entries.Where(e => !IsUsable(e.Value, now)).Select(e => e.Key).ToList()) _entries.Remove(stale);
        while (_entries.Count >= Math.Max(1, capacity)) _entries.Remove(_entries.MinBy(e => e.Value.Asked).Key);
    }

    // A fetch still under way is shared (it ends within its own limit); a finished one is good until it expires.
    private bool IsUsable(Entry entry, DateTimeOffset now) =>
        !entry.Answer.IsCompleted || (entry.Answer.IsCompletedSuccessfully && now - entry.Asked < lifetime);
}
