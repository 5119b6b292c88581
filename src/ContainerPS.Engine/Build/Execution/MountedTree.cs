using ContainerPS.Engine.Native;
using ContainerPS.Engine.Runtime.Copy;
using Tmds.Linux;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Directories mounted as an overlay with a throwaway upper directory, at a path a step's container can bind-mount
/// (<c>RUN --mount=type=bind</c>): another stage's root, or the build context, so that what the step writes there is
/// discarded, never written into the context or the other stage (Dockerfile reference, "RUN --mount=type=bind":
/// "rw ... the writes will be discarded"). Dispose unmounts it and removes the directories.
/// </summary>
internal sealed class MountedTree : IDisposable
{
    private readonly string _directory;

    private MountedTree(string directory) => _directory = directory;

    public string Path => System.IO.Path.Combine(_directory, "mnt");

    public static MountedTree Mount(string buildDirectory, IReadOnlyList<string> lowerDirectoriesTopFirst)
    {
        var tree = new MountedTree(System.IO.Path.Combine(buildDirectory, Guid.NewGuid().ToString("N")));
        var upper = System.IO.Path.Combine(tree._directory, "upper");
        var work = System.IO.Path.Combine(tree._directory, "work");
        foreach (var directory in new[] { upper, work, tree.Path }) Directory.CreateDirectory(directory);
        var lowers = lowerDirectoriesTopFirst.Count > 0 ? lowerDirectoriesTopFirst : [EmptyLower(tree._directory)]; // scratch: an empty tree
        var options = $"lowerdir={string.Join(':', lowers)},upperdir={upper},workdir={work}";
        if (CopyNative.mount("overlay", tree.Path, "overlay", 0, options) != 0)
        {
            var error = Errno.Exception("mount", tree.Path);
            tree.RemoveDirectories();
            throw Errors.Fail.Internal("BuildMountFailed", $"Cannot mount a tree for the step: {error.Message}", tree.Path);
        }
        return tree;
    }

    /// <summary>
    /// The host path of <paramref name="path"/> inside the tree, resolved by the kernel within the tree
    /// (openat2 RESOLVE_IN_ROOT, <see cref="ContainerTree"/>), so a symlink in another stage cannot point a bind at the host.
    /// </summary>
    public unsafe string Resolve(string path, string mountText, Dockerfile.SourceLocation at)
    {
        int root;
        fixed (byte* p = Utf8Path.ToArray(Path)) root = LibC.open(p, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        Errno.ThrowIfFailed(root, "open", Path);
        try
        {
            int fd = new ContainerTree(root).Open(path, LibC.O_PATH);
            if (fd < 0) throw BuildErrors.InvalidMount(at, mountText, $"the source '{path}' does not exist");
            try
            {
                return new FileInfo($"/proc/self/fd/{fd}").LinkTarget ?? throw Errno.Exception("readlink", path);
            }
            finally
            {
                LibC.close(fd);
            }
        }
        finally
        {
            LibC.close(root);
        }
    }

    public void Dispose()
    {
        CopyNative.umount2(Path, CopyNative.MNT_DETACH);
        RemoveDirectories();
    }

    private static string EmptyLower(string directory)
    {
        var empty = System.IO.Path.Combine(directory, "empty");
        Directory.CreateDirectory(empty);
        return empty;
    }

    private void RemoveDirectories()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
