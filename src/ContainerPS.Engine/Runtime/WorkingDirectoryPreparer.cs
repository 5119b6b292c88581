using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime;

/// <summary>
/// Docker creates a missing working directory before the process starts. ContainerPS does it in the engine, before
/// the supervisor runs: the missing directories are made in the container's upper directory (so they appear in the
/// merged root exactly as overlayfs would copy them up), by fd with O_NOFOLLOW at every step, owned by root, mode
/// 0755 as moby's. Parents that exist only in a lower layer are copied up first with their owner and mode. If the
/// path meets a symlink or a file it is left alone: the supervisor's chdir then resolves it inside the rootfs or
/// fails with a clear error.
/// </summary>
internal static unsafe class WorkingDirectoryPreparer
{
    private const uint DirectoryMode = 0x1ED; // 0755

    public static void Prepare(string cwd, string upper, IReadOnlyList<string> lowerDirsTopFirst)
    {
        if (cwd == "/") return;
        using var image = new ImageFileSystem([upper, .. lowerDirsTopFirst]);
        var components = cwd.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var plan = new List<(string Name, uint Mode, uint Uid, uint Gid)>();
        for (var depth = 1; depth <= components.Length; depth++)
        {
            var entry = image.Lookup("/" + string.Join('/', components, 0, depth), followFinalSymlink: false);
            if (entry is null)
            {
                plan.AddRange(components[(depth - 1)..].Select(name => (name, DirectoryMode, 0u, 0u)));
                MakeInUpper(upper, plan);
                return;
            }

            if (!entry.IsDirectory || entry.Path != "/" + string.Join('/', components, 0, depth)) return; // a symlink or a file
            plan.Add((components[depth - 1], entry.Mode & 0xFFF, entry.Uid, entry.Gid));
        }
    }

    private static void MakeInUpper(string upper, List<(string Name, uint Mode, uint Uid, uint Gid)> plan)
    {
        int fd;
        fixed (byte* p = Utf8Path.ToArray(upper)) fd = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC | LibC.O_NOFOLLOW);
        if (fd < 0) throw Errno.Exception("open", upper);
        var current = new FileDescriptor(fd);
        try
        {
            foreach (var (name, mode, uid, gid) in plan)
            {
                var next = OpenOrMake(current.Value, name, mode, uid, gid);
                if (next is null) return;
                current.Dispose();
                current = next;
            }
        }
        finally
        {
            current.Dispose();
        }
    }

    /// <summary>The directory <paramref name="name"/> in the upper layer, made if missing; null if something else is in the way.</summary>
    private static FileDescriptor? OpenOrMake(int parent, string name, uint mode, uint uid, uint gid)
    {
        fixed (byte* n = Utf8Path.ToArray(name))
        {
            var flags = LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC | LibC.O_NOFOLLOW;
            var fd = LibC.openat(parent, n, flags);
            if (fd >= 0) return new FileDescriptor(fd);
            if (Errno.Last != LibC.ENOENT) return null;
            if (LibC.mkdirat(parent, n, (ushort)mode) != 0 && Errno.Last != LibC.EEXIST) throw Errno.Exception("mkdirat", name);
            fd = LibC.openat(parent, n, flags);
            if (fd < 0) return null;
            // mkdir applies the umask and the caller's ids: set both to what the merged view should show.
            Errno.ThrowIfFailed(LibC.fchown(fd, uid, gid), "fchown", name);
            Errno.ThrowIfFailed(LibC.fchmod(fd, (ushort)mode), "fchmod", name);
            return new FileDescriptor(fd);
        }
    }
}
