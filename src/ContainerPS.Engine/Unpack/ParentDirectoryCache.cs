using Tmds.Linux;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Open directory fds by layer path, so that consecutive entries in one directory resolve their parent once.
/// The cache must never hand out a directory that a later entry replaced (for example with a symlink to elsewhere):
/// any removal in the layer marks it stale, and the next entry starts with an empty cache. Fds handed out stay open
/// until that next entry begins, so the entry that caused the removal can keep using its parent.
/// </summary>
internal sealed class ParentDirectoryCache : IDisposable
{
    private const int Capacity = 256;

    private readonly Dictionary<string, int> _fds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly List<int> _retired = [];
    private bool _stale;

    public ParentDirectoryCache()
    {
        _bySpan = _fds.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Called before each entry: drops everything if a removal or overflow made the cache stale.</summary>
    public void BeginEntry()
    {
        if (_stale)
        {
            CloseAll();
            _stale = false;
        }
    }

    /// <summary>Something in the layer was removed: no cached fd may be trusted after this entry.</summary>
    public void Invalidate() => _stale = true;

    public bool TryGet(ReadOnlySpan<char> path, out int fd)
    {
        fd = -1;
        return !_stale && _bySpan.TryGetValue(path, out fd);
    }

    /// <summary>Takes ownership of <paramref name="fd"/>, which stays open at least until the next entry begins.</summary>
    public void Add(ReadOnlySpan<char> path, int fd)
    {
        if (_stale || _fds.Count >= Capacity)
        {
            _retired.Add(fd);
            _stale = true;
            return;
        }

        if (_bySpan.Remove(path, out _, out int previous))
        {
            _retired.Add(previous);
        }

        _fds.Add(path.ToString(), fd);
    }

    public void Dispose() => CloseAll();

    private void CloseAll()
    {
        foreach (int fd in _fds.Values)
        {
            LibC.close(fd);
        }

        foreach (int fd in _retired)
        {
            LibC.close(fd);
        }

        _fds.Clear();
        _retired.Clear();
    }
}
