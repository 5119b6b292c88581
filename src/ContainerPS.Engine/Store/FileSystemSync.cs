using Tmds.Linux;

namespace ContainerPS.Engine.Store;

/// <summary>syncfs(2): flushes the whole file system that holds a path, once, after an unpack wrote many files.</summary>
internal static class FileSystemSync
{
    public static unsafe void SyncFileSystemOf(string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            var fd = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
            if (fd < 0) return;
            LibC.syncfs(fd);
            LibC.close(fd);
        }
    }
}
