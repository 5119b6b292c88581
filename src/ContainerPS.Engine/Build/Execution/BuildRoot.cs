using ContainerPS.Engine.Native;
using ContainerPS.Engine.Runtime.Copy;
using Tmds.Linux;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// A stage's root file system opened for COPY and ADD without a container: its layers as overlay lower directories
/// under a fresh upper directory, mounted on a private directory, opened, and detached at once (as
/// Runtime/Copy/StoppedRootMounter does), so no mount is left on the host whatever happens; everything written
/// through <see cref="Fd"/> lands in <see cref="Upper"/>, which becomes the step's layer. A stage with no layers yet
/// (<c>FROM scratch</c>) is its upper directory alone. Dispose closes the fd and removes the directories.
/// </summary>
internal sealed unsafe class BuildRoot : IDisposable
{
    private readonly string _directory;

    private BuildRoot(string directory, FileDescriptor fd)
    {
        _directory = directory;
        Fd = fd;
    }

    public FileDescriptor Fd { get; }

    public string Upper => UpperOf(_directory);

    public static BuildRoot Open(string buildDirectory, IReadOnlyList<string> lowerDirectoriesTopFirst)
    {
        var directory = Path.Combine(buildDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(UpperOf(directory), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            var fd = lowerDirectoriesTopFirst.Count == 0 ? OpenDirectory(UpperOf(directory)) : MountOverlay(directory, lowerDirectoriesTopFirst);
            return new BuildRoot(directory, fd);
        }
        catch
        {
            Remove(directory);
            throw;
        }
    }

    public void Dispose()
    {
        Fd.Dispose();
        Remove(_directory);
    }

    private static FileDescriptor MountOverlay(string directory, IReadOnlyList<string> lowers)
    {
        var work = Path.Combine(directory, "work");
        var target = Path.Combine(directory, "mnt");
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(target);
        var options = $"lowerdir={string.Join(':', lowers)},upperdir={UpperOf(directory)},workdir={work}";
        if (CopyNative.mount("overlay", target, "overlay", 0, options) != 0)
            throw Errors.Fail.Internal("BuildMountFailed", $"Cannot mount the stage's root file system: {Errno.Exception("mount", target).Message}", target);
        try
        {
            return OpenDirectory(target);
        }
        finally
        {
            CopyNative.umount2(target, CopyNative.MNT_DETACH);
        }
    }

    private static FileDescriptor OpenDirectory(string path)
    {
        fixed (byte* p = Utf8Path.ToArray(path))
        {
            int fd = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
            Errno.ThrowIfFailed(fd, "open", path);
            return new FileDescriptor(fd);
        }
    }

    private static string UpperOf(string directory) => Path.Combine(directory, "upper");

    private static void Remove(string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
