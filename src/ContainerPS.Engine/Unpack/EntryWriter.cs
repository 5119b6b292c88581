using System.Formats.Tar;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Creates one tar entry inside the layer root. Every call is relative to the fd of the entry's parent directory and
/// never follows the entry's own name: files are created with O_EXCL|O_NOFOLLOW, owners and times are set with
/// AT_SYMLINK_NOFOLLOW or on the open fd, and nothing is chmod-ed through a symlink or a hardlink. An existing entry of
/// the same name is removed first, except that an existing directory is kept when the new entry is a directory.
/// </summary>
internal sealed unsafe class EntryWriter
{
    private const int CopyBufferSize = 256 * 1024;
    private const ushort PrivateFileMode = 0x180; // 0600 until the entry's own mode is set
    private const ushort PrivateDirectoryMode = 0x1C0; // 0700

    private readonly LayerRoot _root;
    private readonly Whiteouts _whiteouts;
    private readonly DirectoryTimes _directoryTimes = new();
    private readonly byte[] _leaf = new byte[Utf8Path.Capacity];
    private readonly byte[] _other = new byte[Utf8Path.Capacity];
    private readonly byte[] _copyBuffer = new byte[CopyBufferSize];

    public EntryWriter(LayerRoot root)
    {
        _root = root;
        _whiteouts = new Whiteouts(root);
    }

    public long BytesWritten { get; private set; }

    public void Write(TarEntry entry, ReadOnlySpan<byte> rawPax)
    {
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
        {
            return;
        }

        ReadOnlySpan<char> path = LayerPath.Clean(entry.Name);
        LayerPath.Split(path, out ReadOnlySpan<char> parent, out ReadOnlySpan<char> leaf);
        if (Whiteouts.IsWhiteout(leaf))
        {
            _whiteouts.Apply(entry.Name, parent, leaf);
            return;
        }

        if (path.IsEmpty)
        {
            WriteRoot(entry, rawPax);
            return;
        }

        int parentFd = _root.Directory(parent, createMissing: true);
        Utf8Path.Encode(leaf, _leaf);
        fixed (byte* name = _leaf)
        {
            var target = new EntryTarget(parentFd, name, leaf, entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    WriteFile(entry, rawPax, target);
                    break;
                case TarEntryType.Directory:
                    WriteDirectory(entry, rawPax, target, path);
                    break;
                case TarEntryType.SymbolicLink:
                    WriteSymlink(entry, rawPax, target);
                    break;
                case TarEntryType.HardLink:
                    WriteHardLink(entry, target, path);
                    break;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    WriteNode(entry, rawPax, target);
                    break;
                default:
                    throw UnpackErrors.InvalidLayer($"The layer entry '{entry.Name}' has the unsupported tar type {entry.EntryType}.", entry.Name);
            }
        }
    }

    /// <summary>Sets the directories' mtimes; call once after the last entry.</summary>
    public void Finish() => _directoryTimes.ApplyAll(_root);

    // "./" describes the layer root itself. It can change the root's owner and mode, never replace it.
    private void WriteRoot(TarEntry entry, ReadOnlySpan<byte> rawPax)
    {
        if (entry.EntryType != TarEntryType.Directory)
        {
            throw UnpackErrors.InvalidLayer($"The layer entry '{entry.Name}' would replace the layer root with a {entry.EntryType}.", entry.Name);
        }

        var attributes = EntryAttributes.Of(entry);
        SetOwnerAndMode(_root.Fd, attributes, entry.Name);
        XattrWriter.Apply(entry, rawPax, _root.Fd);
        _directoryTimes.Add([], attributes.Modified);
    }

    private void WriteFile(TarEntry entry, ReadOnlySpan<byte> rawPax, EntryTarget target)
    {
        var attributes = EntryAttributes.Of(entry);
        int fd = CreateFile(target);
        if (fd < 0 && RemoveIfTaken(target))
        {
            fd = CreateFile(target);
        }

        Errno.ThrowIfFailed(fd, "openat", entry.Name);
        try
        {
            if (entry.DataStream is { } data)
            {
                Copy(data, fd, entry.Name);
            }

            // Owner before mode (chown clears setuid/setgid), xattrs after chown (it clears security.capability),
            // the time last (writing changes it).
            SetOwnerAndMode(fd, attributes, entry.Name);
            XattrWriter.Apply(entry, rawPax, fd);
            SetTimes(fd, attributes.Modified, entry.Name);
        }
        finally
        {
            LibC.close(fd);
        }
    }

    private void WriteDirectory(TarEntry entry, ReadOnlySpan<byte> rawPax, EntryTarget target, ReadOnlySpan<char> path)
    {
        var attributes = EntryAttributes.Of(entry);
        if (LibC.mkdirat(target.ParentFd, target.Name, PrivateDirectoryMode) != 0)
        {
            if (Errno.Last != LibC.EEXIST)
            {
                throw Errno.Exception("mkdirat", target.EntryName);
            }

            if (!IsDirectory(target))
            {
                _root.Remove(target.ParentFd, target.Name);
                Errno.ThrowIfFailed(LibC.mkdirat(target.ParentFd, target.Name, PrivateDirectoryMode), "mkdirat", target.EntryName);
            }
        }

        int fd = LibC.openat(target.ParentFd, target.Name, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        Errno.ThrowIfFailed(fd, "openat", target.EntryName);
        _root.Remember(path, fd);
        SetOwnerAndMode(fd, attributes, entry.Name);
        XattrWriter.Apply(entry, rawPax, fd);
        _directoryTimes.Add(path, attributes.Modified);
    }

    private void WriteSymlink(TarEntry entry, ReadOnlySpan<byte> rawPax, EntryTarget target)
    {
        var attributes = EntryAttributes.Of(entry);
        if (string.IsNullOrEmpty(entry.LinkName) || entry.LinkName.Contains('\0'))
        {
            throw UnpackErrors.InvalidLayer($"The symlink '{entry.Name}' has an empty or malformed target.", entry.Name);
        }

        // The target is stored as written; an absolute one means the container's root, which overlayfs and
        // RESOLVE_IN_ROOT both honour.
        Utf8Path.Encode(entry.LinkName, _other);
        fixed (byte* linkTarget = _other)
        {
            int result = LibC.symlinkat(linkTarget, target.ParentFd, target.Name);
            if (result != 0 && RemoveIfTaken(target))
            {
                result = LibC.symlinkat(linkTarget, target.ParentFd, target.Name);
            }

            Errno.ThrowIfFailed(result, "symlinkat", entry.Name);
        }

        SetOwnerNoFollow(target, attributes);
        XattrWriter.ApplyNoFollow(entry, rawPax, target.ParentFd, target.Leaf);
        SetTimesNoFollow(target, attributes.Modified);
    }

    // A hardlink shares the inode of an earlier entry of this layer: its header's owner and mode are not applied,
    // so a hostile mode can never reach another inode through it.
    private void WriteHardLink(TarEntry entry, EntryTarget target, ReadOnlySpan<char> path)
    {
        ReadOnlySpan<char> existing = LayerPath.Clean(entry.LinkName);
        if (existing.IsEmpty)
        {
            throw UnpackErrors.InvalidLayer($"The hardlink '{entry.Name}' points at the layer root.", entry.Name);
        }

        if (existing.SequenceEqual(path))
        {
            return; // a link to itself: nothing to do
        }

        LayerPath.Split(existing, out ReadOnlySpan<char> existingParent, out ReadOnlySpan<char> existingLeaf);
        int existingParentFd = _root.Directory(existingParent, createMissing: false);
        if (existingParentFd < 0)
        {
            throw HardLinkTargetMissing(entry);
        }

        Utf8Path.Encode(existingLeaf, _other);
        fixed (byte* existingName = _other)
        {
            // Flags 0: if the earlier entry is a symlink, the new name links to the symlink itself, not its target.
            int result = LibC.linkat(existingParentFd, existingName, target.ParentFd, target.Name, 0);
            if (result != 0 && RemoveIfTaken(target))
            {
                result = LibC.linkat(existingParentFd, existingName, target.ParentFd, target.Name, 0);
            }

            if (result != 0)
            {
                int errno = Errno.Last;
                throw errno == LibC.ENOENT || errno == LibC.EPERM
                    ? HardLinkTargetMissing(entry, Errno.Exception(errno, "linkat", entry.Name))
                    : Errno.Exception(errno, "linkat", entry.Name);
            }
        }
    }

    private void WriteNode(TarEntry entry, ReadOnlySpan<byte> rawPax, EntryTarget target)
    {
        var attributes = EntryAttributes.Of(entry);
        (uint type, ulong device) = entry.EntryType switch
        {
            TarEntryType.CharacterDevice => ((uint)LibC.S_IFCHR, DeviceOf(entry)),
            TarEntryType.BlockDevice => ((uint)LibC.S_IFBLK, DeviceOf(entry)),
            _ => ((uint)LibC.S_IFIFO, 0UL),
        };
        ushort mode = (ushort)(type | PrivateFileMode);
        int result = LibC.mknodat(target.ParentFd, target.Name, mode, device);
        if (result != 0 && RemoveIfTaken(target))
        {
            result = LibC.mknodat(target.ParentFd, target.Name, mode, device);
        }

        Errno.ThrowIfFailed(result, "mknodat", entry.Name);

        SetOwnerNoFollow(target, attributes);

        // AT_SYMLINK_NOFOLLOW: glibc applies the mode through an O_PATH fd of the node itself.
        Errno.ThrowIfFailed(LibC.fchmodat(target.ParentFd, target.Name, attributes.Mode, LibC.AT_SYMLINK_NOFOLLOW), "fchmodat", entry.Name);
        XattrWriter.ApplyNoFollow(entry, rawPax, target.ParentFd, target.Leaf);
        SetTimesNoFollow(target, attributes.Modified);
    }

    private static ulong DeviceOf(TarEntry entry) =>
        entry is PosixTarEntry posix && posix.DeviceMajor >= 0 && posix.DeviceMinor >= 0
            ? DeviceNumber.Make((uint)posix.DeviceMajor, (uint)posix.DeviceMinor)
            : throw UnpackErrors.InvalidLayer($"The device entry '{entry.Name}' has no valid device number.", entry.Name);

    private static int CreateFile(EntryTarget target) =>
        LibC.openat(target.ParentFd, target.Name, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, PrivateFileMode);

    // After a create call failed: if the name was taken (by any type; a directory goes with all it holds),
    // removes it so that the caller can create once more.
    private bool RemoveIfTaken(EntryTarget target)
    {
        if (Errno.Last != LibC.EEXIST)
        {
            return false;
        }

        _root.Remove(target.ParentFd, target.Name);
        return true;
    }

    private void Copy(Stream data, int fd, string entryName)
    {
        fixed (byte* buffer = _copyBuffer)
        {
            int read;
            while ((read = data.Read(_copyBuffer)) > 0)
            {
                for (int done = 0; done < read;)
                {
                    long written = LibC.write(fd, buffer + done, read - done);
                    if (written < 0 && Errno.Last == LibC.EINTR)
                    {
                        continue;
                    }

                    Errno.ThrowIfFailed(written, "write", entryName);
                    done += (int)written;
                }

                BytesWritten += read;
            }
        }
    }

    private static bool IsDirectory(EntryTarget target)
    {
        stat st;
        Errno.ThrowIfFailed(LibC.fstatat(target.ParentFd, target.Name, &st, LibC.AT_SYMLINK_NOFOLLOW), "fstatat", target.EntryName);
        return (st.st_mode & LibC.S_IFMT) == LibC.S_IFDIR;
    }

    private static void SetOwnerAndMode(int fd, EntryAttributes attributes, string entryName)
    {
        Errno.ThrowIfFailed(LibC.fchown(fd, attributes.Uid, attributes.Gid), "fchown", entryName);
        Errno.ThrowIfFailed(LibC.fchmod(fd, attributes.Mode), "fchmod", entryName);
    }

    private static void SetOwnerNoFollow(EntryTarget target, EntryAttributes attributes) =>
        Errno.ThrowIfFailed(LibC.fchownat(target.ParentFd, target.Name, attributes.Uid, attributes.Gid, LibC.AT_SYMLINK_NOFOLLOW), "fchownat", target.EntryName);

    private static void SetTimes(int fd, timespec modified, string entryName)
    {
        timespec* times = stackalloc timespec[2] { modified, modified };
        Errno.ThrowIfFailed(LibC.futimens(fd, times), "futimens", entryName);
    }

    private static void SetTimesNoFollow(EntryTarget target, timespec modified)
    {
        timespec* times = stackalloc timespec[2] { modified, modified };
        Errno.ThrowIfFailed(LibC.utimensat(target.ParentFd, target.Name, times, LibC.AT_SYMLINK_NOFOLLOW), "utimensat", target.EntryName);
    }

    private static ContainerPSException HardLinkTargetMissing(TarEntry entry, Exception? inner = null) =>
        UnpackErrors.InvalidLayer(
            $"The hardlink '{entry.Name}' points at '{entry.LinkName}', which is not a file written earlier in this layer.", entry.Name, inner);
}
