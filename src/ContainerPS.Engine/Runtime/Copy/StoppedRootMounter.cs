using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Native;
using ContainerPS.Runtime.Spec;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>
/// The root of a container that is not running: its overlay (the lower directories of config.json's
/// io.containerps.rootfs.overlay annotation, its upper/ and work/) mounted on a fresh private directory in the
/// container's directory. The mount is detached (umount2 MNT_DETACH) and its directory removed as soon as the root fd
/// is open: nothing is left on the host whatever happens next, and the kernel frees the mount when the fd closes.
/// The caller holds the container's lock, so the container cannot start on the same upper directory meanwhile.
/// </summary>
internal static unsafe class StoppedRootMounter
{
    public static FileDescriptor Mount(ContainerPaths paths)
    {
        var options = BundleSpec.Read(paths).Annotations?.GetValueOrDefault(Annotations.RootfsOverlay)
            ?? throw CopyErrors.Failed($"The container's config.json has no {Annotations.RootfsOverlay} annotation.", paths.ConfigFile);
        string target = Path.Combine(paths.Directory, $".copy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            if (CopyNative.mount("overlay", target, "overlay", 0, options) != 0)
            {
                throw CopyErrors.Failed($"Cannot mount the container's root file system: {Errno.Exception("mount", target).Message}", target);
            }

            try
            {
                return OpenDirectory(target);
            }
            finally
            {
                CopyNative.umount2(target, CopyNative.MNT_DETACH);
            }
        }
        finally
        {
            Directory.Delete(target);
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
}
