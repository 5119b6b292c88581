namespace ContainerPS.Engine.Runtime;

/// <summary>One entry of an image's merged file system: its path with every symlink resolved, the layer it comes from, and its lstat.</summary>
internal sealed record ImageFileEntry(string Path, int Layer, uint Mode, uint Uid, uint Gid)
{
    private const uint TypeMask = 0xF000;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    public bool IsSymlink => (Mode & TypeMask) == 0xA000;

    /// <summary>Any execute bit, as execve(2) requires for a regular file.</summary>
    public bool IsExecutable => IsRegularFile && (Mode & 0x49) != 0;
}
