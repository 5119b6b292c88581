using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// runc's `tmpcopyup` mount option (an extension to config.md's options; podman sets it on --read-only's /run, /tmp
/// and /var/tmp and on --tmpfs): the new tmpfs starts with what the rootfs had at its destination. The supervisor reads that tree under root.path before the clone (the child runs
/// no managed code) and the steps recreate it in the tmpfs, right after its mount: directories, symlinks and empty
/// files with their owners and modes; the tmpfs root keeps the mount's own mode (1777 or mode=), as runc's does. A
/// regular file with content is refused (the child has no copy loop), and so is a destination under a symlink.
/// </summary>
internal static class TmpCopyUp
{
    public const string Option = "tmpcopyup";

    private const int AtSymlinkNoFollow = 0x100, StatxBasicStats = 0x7ff;
    private const uint TypeMask = 0xf000, Directory = 0x4000, Symlink = 0xa000, Regular = 0x8000;

    public static void Add(StepList steps, string rootfsPath, string target, string type)
    {
        if (type != "tmpfs") throw new ShimException(ExitCodes.Failure, $"mount {target}: {Option} is for tmpfs mounts only, not {type}");
        string hostPath = rootfsPath.TrimEnd('/') + (target == "/" ? "" : target);
        RefuseSymlinkedPath(rootfsPath, target);
        if (Entry.Read(hostPath) is not { } root) return; // nothing there: an empty tmpfs is the copy
        if ((root.Mode & TypeMask) != Directory) throw new ShimException(ExitCodes.Failure, $"mount {target}: {Option} over something that is not a directory");
        AddTree(steps, hostPath, target);
    }

    private static void AddTree(StepList steps, string hostDirectory, string containerDirectory)
    {
        foreach (string hostPath in System.IO.Directory.EnumerateFileSystemEntries(hostDirectory).Order(StringComparer.Ordinal))
        {
            string path = $"{containerDirectory.TrimEnd('/')}/{Path.GetFileName(hostPath)}";
            var entry = Entry.Read(hostPath) ?? throw new ShimException(ExitCodes.Failure, $"{Option} {path}: {Native.Errno.Describe(Native.Sys.LastError)}");
            switch (entry.Mode & TypeMask)
            {
                case Directory:
                    steps.Add($"{Option}-mkdir-{path}", steps.Calls.Mkdirat, AT_FDCWD, steps.Str(path), 0x1c0);
                    AddOwnerAndMode(steps, path, entry);
                    AddTree(steps, hostPath, path);
                    break;
                case Symlink:
                    string link = new FileInfo(hostPath).LinkTarget ?? "";
                    steps.Add($"{Option}-symlink-{path}", steps.Calls.Symlinkat, steps.Str(link), AT_FDCWD, steps.Str(path));
                    steps.Add($"{Option}-chown-{path}", steps.Calls.Fchownat, AT_FDCWD, steps.Str(path), entry.Uid, entry.Gid, AtSymlinkNoFollow);
                    break;
                case Regular when entry.Size == 0:
                    const int slot = 2;
                    steps.Add($"{Option}-create-{path}", steps.Calls.Openat, AT_FDCWD, steps.Str(path), O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0x180).SaveResult(slot);
                    steps.Add($"{Option}-close-{path}", steps.Calls.Close, 0).LoadArgument(0, slot);
                    AddOwnerAndMode(steps, path, entry);
                    break;
                default:
                    throw new ShimException(ExitCodes.Failure, $"mount {containerDirectory}: {Option} of {path} is not supported (only directories, symlinks and empty files are copied)");
            }
        }
    }

    private static void AddOwnerAndMode(StepList steps, string path, Entry entry)
    {
        steps.Add($"{Option}-chown-{path}", steps.Calls.Fchownat, AT_FDCWD, steps.Str(path), entry.Uid, entry.Gid, AtSymlinkNoFollow);
        // After the chown, which clears set-user-ID and set-group-ID bits.
        steps.Add($"{Option}-chmod-{path}", steps.Calls.Fchmodat, AT_FDCWD, steps.Str(path), entry.Mode & 0xfff);
    }

    /// <summary>A symlink on the way would make the host path another place than the container's; refused.</summary>
    private static void RefuseSymlinkedPath(string rootfsPath, string target)
    {
        string path = rootfsPath.TrimEnd('/');
        foreach (string component in ContainerPath.Components(target))
        {
            path += "/" + component;
            if (Entry.Read(path) is { } entry && (entry.Mode & TypeMask) == Symlink)
                throw new ShimException(ExitCodes.Failure, $"mount {target}: {Option} under a symlink ({path[rootfsPath.TrimEnd('/').Length..]}) is not supported");
        }
    }

    /// <summary>statx(2) without following a symlink: the struct's layout is the same on every architecture.</summary>
    private sealed record Entry(uint Mode, uint Uid, uint Gid, ulong Size)
    {
        public static unsafe Entry? Read(string path)
        {
            byte* buffer = stackalloc byte[256];
            if (Native.Sys.Statx(AT_FDCWD, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0) return null;
            return new Entry(*(ushort*)(buffer + 28), *(uint*)(buffer + 20), *(uint*)(buffer + 24), *(ulong*)(buffer + 40));
        }
    }
}
