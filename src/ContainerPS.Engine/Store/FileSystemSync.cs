using Tmds.Linux;

namespace ContainerPS.Engine.Store;

/// <summary>
/// Durability for directories: fsync(2) of a directory makes a rename or create inside it survive a crash;
/// syncfs(2) flushes a whole file system once, after an unpack wrote many files (instead of an fsync per file).
/// </summary>
internal static class FileSystemSync
{
    public static void SyncDirectory(string directory) => WithDirectory(directory, fd => LibC.fsync(fd));

    public static void SyncFileSystemOf(string path) => WithDirectory(path, fd => LibC.syncfs(fd));

    private static unsafe void WithDirectory(string path, Func<int, int> sync)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            var fd = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
            if (fd < 0) return;
            sync(fd);
            LibC.close(fd);
        }
    }
}
