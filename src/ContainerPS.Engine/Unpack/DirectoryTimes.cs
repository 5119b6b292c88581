using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Directory mtimes, applied after the whole layer is written: creating a child changes its directory's mtime,
/// so a directory's own time can only stick once all its children exist.
/// </summary>
internal sealed unsafe class DirectoryTimes
{
    private readonly List<(string Path, timespec Modified)> _pending = [];

    public void Add(ReadOnlySpan<char> path, timespec modified) => _pending.Add((path.ToString(), modified));

    public void ApplyAll(LayerRoot root)
    {
        foreach ((string path, timespec modified) in _pending)
        {
            Apply(root, path, modified);
        }

        _pending.Clear();
    }

    private static void Apply(LayerRoot root, string path, timespec modified)
    {
        int fd = path.Length == 0 ? root.Fd : root.OpenDirectory(path, followLast: false, out _);
        if (fd < 0)
        {
            return; // a later entry replaced or removed it; its time went with it
        }

        try
        {
            timespec* times = stackalloc timespec[2] { modified, modified };
            Errno.ThrowIfFailed(LibC.futimens(fd, times), "futimens", path);
        }
        finally
        {
            if (fd != root.Fd)
            {
                LibC.close(fd);
            }
        }
    }
}
