using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Archive;

/// <summary>Moves a finished export into place and removes what a failed one left.</summary>
internal static class ArchiveTarget
{
    /// <summary>
    /// rename(2) the temp file over the target (atomic). A directory cannot be renamed over a non-empty one, so an
    /// existing layout is first moved aside and deleted after the new one is in place.
    /// </summary>
    public static void Publish(string temp, string target, bool isDirectory)
    {
        var directory = Path.GetDirectoryName(target)!;
        if (!isDirectory)
        {
            File.Move(temp, target, overwrite: true);
        }
        else
        {
            var old = Directory.Exists(target) ? temp + ".old" : null;
            if (old is not null) Directory.Move(target, old);
            Directory.Move(temp, target);
            if (old is not null) Remove(old);
        }

        AtomicFile.SyncDirectory(directory);
    }

    public static void Remove(string path)
    {
        if (File.Exists(path)) File.Delete(path);
        else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
