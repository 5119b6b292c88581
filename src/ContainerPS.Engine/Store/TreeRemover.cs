namespace ContainerPS.Engine.Store;

/// <summary>
/// Removes a directory tree that ContainerPS created (a snapshot). Directory.Delete unlinks symlinks rather than
/// following them, so links planted by an image cannot redirect the removal to host files. Unpacked images can hold
/// read-only directories; they are made writable on the way down.
/// </summary>
public static class TreeRemover
{
    public static void Remove(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            MakeDirectoriesWritable(path);
            Directory.Delete(path, recursive: true);
        }
        catch (IOException) when (Directory.Exists(path))
        {
            MakeDirectoriesWritable(path);
            Directory.Delete(path, recursive: true);
        }
    }

    private static void MakeDirectoriesWritable(string path)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var dir in Directory.EnumerateDirectories(path, "*", options).Prepend(path))
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
