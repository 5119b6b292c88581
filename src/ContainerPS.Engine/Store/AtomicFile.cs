namespace ContainerPS.Engine.Store;

/// <summary>
/// Crash-safe file replacement: write a temp file in the same directory, fsync it, rename it over the target,
/// fsync the directory. A reader sees the old content or the new one, never a torn file (hardening.md, principle 7).
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content) => WriteAllBytes(path, content, mode: null);

    /// <summary>As <see cref="WriteAllBytes(string, ReadOnlySpan{byte})"/>, the new file created with <paramref name="mode"/> (less the umask) from its first byte.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, UnixFileMode? mode)
    {
        byte[] bytes = content.ToArray();
        Write(path, stream => stream.Write(bytes), overwrite: true, mode);
    }

    /// <summary>
    /// The same for content written as a stream (an export tar). Without <paramref name="overwrite"/> an existing
    /// <paramref name="path"/> makes the final rename fail with an IOException and the temp file is removed.
    /// </summary>
    public static void Write(string path, Action<Stream> write, bool overwrite, UnixFileMode? mode = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".tmp-{Path.GetFileName(path)}-{Guid.NewGuid():N}");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
            if (mode is { } unixMode) options.UnixCreateMode = unixMode;
            using (var stream = new FileStream(temp, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite);
            SyncDirectory(directory);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>fsync(2) on a directory, so that a rename or create inside it survives a crash.</summary>
    public static void SyncDirectory(string directory) => FileSystemSync.SyncDirectory(directory);
}
