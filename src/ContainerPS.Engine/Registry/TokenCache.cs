namespace ContainerPS.Engine.Registry;

/// <summary>
/// Bearer tokens per registry, repository and action, so that a pull asks the token server once per repository
/// rather than once per blob. Concurrent requests for one key share one fetch. A token is considered expired a
/// little early so that it does not lapse between being chosen and being used.
/// </summary>
internal sealed class TokenCache(TimeProvider time)
{
    private static readonly TimeSpan EarlyExpiry = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, Task<BearerToken>> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public static string Key(string registry, string scopes) => $"{registry}|{scopes}";

    public Task<BearerToken> GetOrFetchAsync(string key, Func<Task<BearerToken>> fetch)
    {
        lock (_lock)
        {
            if (_tokens.TryGetValue(key, out var existing) && IsUsable(existing)) return existing;
            // A failed or expired fetch is not usable, so the next caller fetches again.
            var fetching = fetch();
            _tokens[key] = fetching;
            return fetching;
        }
    }

    public void Invalidate(string key)
    {
        lock (_lock) _tokens.Remove(key);
    }

    private bool IsUsable(Task<BearerToken> task) =>
        !task.IsCompleted || (task.IsCompletedSuccessfully && task.Result.ExpiresAt - EarlyExpiry > time.GetUtcNow());
}
