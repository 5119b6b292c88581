using System.Formats.Tar;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Native;
using ContainerPS.Engine.Runtime.Copy;
using ContainerPS.Engine.Unpack;
using Tmds.Linux;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Extracts a local tar archive into an ADD's destination directory (Dockerfile reference, "ADD", "Adding local tar
/// archives": "treated as a directory and extracted", as <c>tar -x</c>). Entries keep the archive's modes and mtimes;
/// owners are the archive's, or the <c>--chown</c> ids when given: BuildKit applies <c>--chown</c> to extracted
/// entries since v0.23 (moby/buildkit#1547), where the classic builder ignored it; <c>--chmod</c> is not applied
/// (BuildKit's untar is given the ids only). Whiteout names are plain names
/// here: ADD is not a layer apply. Every path resolves from the destination's fd with openat2 RESOLVE_IN_ROOT
/// (<see cref="ContainerTree"/>), as docker's untar runs chrooted into the destination, and every entry is created
/// relative to its parent's fd without following its own name, so neither "..", an absolute name, nor a symlink
/// from the archive or the image can put anything outside the destination.
/// </summary>
internal sealed unsafe class ArchiveExtractor
{
    private const ushort PrivateMode = 0x180; // 0600 until the entry's own mode is set
    private const ushort PrivateDirectoryMode = 0x1C0; // 0700
    private readonly int _destinationFd;
    private readonly CopyOwnership? _chown;
    private readonly SourceLocation _at;
    private readonly string _archive;
    private readonly CancellationToken _ct;
    private readonly RootDirectories _directories;
    private readonly ContainerTree _tree;
    private readonly List<(string Path, timespec Modified)> _directoryTimes = [];

    /// <param name="chown">The <c>--chown</c> ids, or null to keep the archive's owners.</param>
    public ArchiveExtractor(int destinationFd, CopyOwnership? chown, SourceLocation at, string archive, CancellationToken ct)
    {
        _destinationFd = destinationFd;
        _chown = chown;
        _at = at;
        _archive = archive;
        _ct = ct;
        _directories = new RootDirectories(destinationFd, chown ?? new CopyOwnership(0, 0)); // implied parents: tar's 0755
        _tree = new ContainerTree(destinationFd);
    }

    public void Extract(Stream tar)
    {
        try
        {
            using var reader = new TarReader(tar, leaveOpen: true);
            while (reader.GetNextEntry() is { } entry)
            {
                _ct.ThrowIfCancellationRequested();
                Write(entry);
            }
        }
        catch (Exception e) when (AddArchive.IsFormatError(e))
        {
            throw BuildErrors.ArchiveInvalid(_at, _archive, e.Message, e);
        }
        ApplyDirectoryTimes(); // last: every entry written into a directory changed its mtime
    }

    private void Write(TarEntry entry)
    {
        if (entry.EntryType is TarEntryType.GlobalExtendedAttributes) return;
        var path = ArchiveEntryPath.Below(entry.Name) ?? throw BuildErrors.ArchiveEntryEscapes(_at, _archive, entry.Name);
        if (path.Length == 0)
        {
            if (entry.EntryType == TarEntryType.Directory) SetDirectory(_destinationFd, entry, path);
            return; // "./": the destination itself, which an archive can describe but never replace
        }

        var (parent, leaf) = ArchiveEntryPath.Split(path);
        int parentFd = Parent(entry, parent);
        try
        {
            fixed (byte* name = Utf8Path.ToArray(leaf))
            {
                WriteEntry(entry, parentFd, name, path);
            }
        }
        finally
        {
            LibC.close(parentFd);
        }
    }

    /// <summary>
    /// The entry's parent directory, made when missing. A parent that a symlink sends to a directory the destination
    /// lacks is an error, as in docker's chrooted untar: the link is followed inside the destination, never created through.
    /// </summary>
    private int Parent(TarEntry entry, string parent)
    {
        try
        {
            return _directories.Ensure("/" + parent);
        }
        catch (Errors.ContainerPSException e)
        {
            throw BuildErrors.ArchiveInvalid(_at, _archive, $"the directory of '{entry.Name}' cannot be opened inside the destination: {e.Message}", e);
        }
    }

    private void WriteEntry(TarEntry entry, int parentFd, byte* name, string path)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                WriteFile(entry, parentFd, name);
                break;
            case TarEntryType.Directory:
                WriteDirectory(entry, parentFd, name, path);
                break;
            case TarEntryType.SymbolicLink:
                WriteSymlink(entry, parentFd, name, path);
                break;
            case TarEntryType.HardLink:
                WriteHardLink(entry, parentFd, name, path);
                break;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                WriteNode(entry, parentFd, name);
                break;
            default:
                throw BuildErrors.ArchiveInvalid(_at, _archive, $"the entry '{entry.Name}' has the unsupported tar type {entry.EntryType}");
        }
    }

    private void WriteFile(TarEntry entry, int parentFd, byte* name)
    {
        int fd = Create(entry, parentFd, name, () => LibC.openat(parentFd, name, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, PrivateMode));
        try
        {
            if (entry.DataStream is { } data)
            {
                using var output = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, bufferSize: 0);
                data.CopyTo(output);
            }

            // Owner before mode (chown clears setuid/setgid), the time last (writing changes it).
            var attributes = EntryAttributes.Of(entry);
            Errno.ThrowIfFailed(LibC.fchown(fd, Uid(attributes), Gid(attributes)), "fchown", entry.Name);
            Errno.ThrowIfFailed(LibC.fchmod(fd, attributes.Mode), "fchmod", entry.Name);
            SetTimes(fd, attributes.Modified, entry.Name);
        }
        finally
        {
            LibC.close(fd);
        }
    }

    /// <summary>An existing directory is merged into, as tar does; anything else of the name is replaced.</summary>
    private void WriteDirectory(TarEntry entry, int parentFd, byte* name, string path)
    {
        if (LibC.mkdirat(parentFd, name, PrivateDirectoryMode) != 0)
        {
            if (Errno.Last != LibC.EEXIST) throw Errno.Exception("mkdirat", entry.Name);
            if (!IsDirectory(parentFd, name, entry.Name))
            {
                TreeRemover.Remove(parentFd, name);
                Errno.ThrowIfFailed(LibC.mkdirat(parentFd, name, PrivateDirectoryMode), "mkdirat", entry.Name);
            }
        }

        int fd = LibC.openat(parentFd, name, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        Errno.ThrowIfFailed(fd, "openat", entry.Name);
        try
        {
            SetDirectory(fd, entry, path);
        }
        finally
        {
            LibC.close(fd);
        }
    }

    private void SetDirectory(int fd, TarEntry entry, string path)
    {
        var attributes = EntryAttributes.Of(entry);
        Errno.ThrowIfFailed(LibC.fchown(fd, Uid(attributes), Gid(attributes)), "fchown", entry.Name);
        Errno.ThrowIfFailed(LibC.fchmod(fd, attributes.Mode), "fchmod", entry.Name);
        _directoryTimes.Add((path, attributes.Modified));
    }

    private void WriteSymlink(TarEntry entry, int parentFd, byte* name, string path)
    {
        if (string.IsNullOrEmpty(entry.LinkName) || entry.LinkName.Contains('\0'))
            throw BuildErrors.ArchiveInvalid(_at, _archive, $"the symlink '{entry.Name}' has an empty or malformed target");
        if (!ArchiveEntryPath.TargetStaysInside(path, entry.LinkName)) throw BuildErrors.ArchiveEntryEscapes(_at, _archive, $"{entry.Name} -> {entry.LinkName}");
        fixed (byte* pinned = Utf8Path.ToArray(entry.LinkName))
        {
            byte* target = pinned; // a fixed local cannot be captured
            Create(entry, parentFd, name, () => LibC.symlinkat(target, parentFd, name));
        }
        SetOwnerAndTimesNoFollow(entry, parentFd, name);
    }

    /// <summary>
    /// A hard link to an entry extracted before it, found inside the destination; flags 0, so a link to a symlink
    /// links the symlink itself. The header's owner and mode are not applied: they would change the shared inode.
    /// </summary>
    private void WriteHardLink(TarEntry entry, int parentFd, byte* name, string path)
    {
        var existing = ArchiveEntryPath.Below(entry.LinkName) ?? throw BuildErrors.ArchiveEntryEscapes(_at, _archive, $"{entry.Name} => {entry.LinkName}");
        if (existing.Length == 0 || existing == path)
            throw BuildErrors.ArchiveInvalid(_at, _archive, $"the hard link '{entry.Name}' points at '{entry.LinkName}'");
        var (existingParent, existingLeaf) = ArchiveEntryPath.Split(existing);
        int existingParentFd = _tree.Open("/" + existingParent, LibC.O_PATH | LibC.O_DIRECTORY);
        if (existingParentFd < 0) throw HardLinkTargetMissing(entry);
        try
        {
            fixed (byte* pinned = Utf8Path.ToArray(existingLeaf))
            {
                byte* existingName = pinned; // a fixed local cannot be captured
                int result = Create(entry, parentFd, name, () => LibC.linkat(existingParentFd, existingName, parentFd, name, 0), tolerateMissing: true);
                if (result < 0) throw HardLinkTargetMissing(entry);
            }
        }
        finally
        {
            LibC.close(existingParentFd);
        }
    }

    private void WriteNode(TarEntry entry, int parentFd, byte* name)
    {
        var attributes = EntryAttributes.Of(entry);
        (uint type, ulong device) = entry.EntryType switch
        {
            TarEntryType.CharacterDevice => ((uint)LibC.S_IFCHR, DeviceOf(entry)),
            TarEntryType.BlockDevice => ((uint)LibC.S_IFBLK, DeviceOf(entry)),
            _ => ((uint)LibC.S_IFIFO, 0UL),
        };
        Create(entry, parentFd, name, () => LibC.mknodat(parentFd, name, (ushort)(type | PrivateMode), device));
        Errno.ThrowIfFailed(LibC.fchownat(parentFd, name, Uid(attributes), Gid(attributes), LibC.AT_SYMLINK_NOFOLLOW), "fchownat", entry.Name);

        // AT_SYMLINK_NOFOLLOW: glibc applies the mode through an O_PATH fd of the node itself.
        Errno.ThrowIfFailed(LibC.fchmodat(parentFd, name, attributes.Mode, LibC.AT_SYMLINK_NOFOLLOW), "fchmodat", entry.Name);
        SetTimesNoFollow(parentFd, name, attributes.Modified, entry.Name);
    }

    /// <summary>
    /// Runs a create call; when the name is taken (by anything: tar -x replaces what is there), removes it and
    /// tries once more. Returns the call's result (an fd for openat).
    /// </summary>
    private static int Create(TarEntry entry, int parentFd, byte* name, Func<int> create, bool tolerateMissing = false)
    {
        int result = create();
        if (result < 0 && Errno.Last == LibC.EEXIST)
        {
            TreeRemover.Remove(parentFd, name);
            result = create();
        }
        if (result < 0 && !(tolerateMissing && Errno.Last is var e && (e == LibC.ENOENT || e == LibC.EPERM))) throw Errno.Exception("create", entry.Name);
        return result;
    }

    private void SetOwnerAndTimesNoFollow(TarEntry entry, int parentFd, byte* name)
    {
        var attributes = EntryAttributes.Of(entry);
        Errno.ThrowIfFailed(LibC.fchownat(parentFd, name, Uid(attributes), Gid(attributes), LibC.AT_SYMLINK_NOFOLLOW), "fchownat", entry.Name);
        SetTimesNoFollow(parentFd, name, attributes.Modified, entry.Name);
    }

    private void ApplyDirectoryTimes()
    {
        foreach (var (path, modified) in Enumerable.Reverse(_directoryTimes))
        {
            int fd = path.Length == 0 ? LibC.dup(_destinationFd) : _tree.Open("/" + path, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW);
            if (fd < 0) continue; // replaced by a later entry
            try
            {
                SetTimes(fd, modified, path);
            }
            finally
            {
                LibC.close(fd);
            }
        }
    }

    private uint Uid(EntryAttributes attributes) => _chown?.Uid ?? attributes.Uid;

    private uint Gid(EntryAttributes attributes) => _chown?.Gid ?? attributes.Gid;

    private ulong DeviceOf(TarEntry entry) =>
        entry is PosixTarEntry posix && posix.DeviceMajor >= 0 && posix.DeviceMinor >= 0
            ? DeviceNumber.Make((uint)posix.DeviceMajor, (uint)posix.DeviceMinor)
            : throw BuildErrors.ArchiveInvalid(_at, _archive, $"the device entry '{entry.Name}' has no valid device number");

    private Exception HardLinkTargetMissing(TarEntry entry) =>
        BuildErrors.ArchiveInvalid(_at, _archive, $"the hard link '{entry.Name}' points at '{entry.LinkName}', which is not an entry extracted before it");

    private static bool IsDirectory(int parentFd, byte* name, string display)
    {
        stat st;
        Errno.ThrowIfFailed(LibC.fstatat(parentFd, name, &st, LibC.AT_SYMLINK_NOFOLLOW), "fstatat", display);
        return (st.st_mode & LibC.S_IFMT) == LibC.S_IFDIR;
    }

    private static void SetTimes(int fd, timespec modified, string display)
    {
        timespec* times = stackalloc timespec[2] { modified, modified };
        Errno.ThrowIfFailed(LibC.futimens(fd, times), "futimens", display);
    }

    private static void SetTimesNoFollow(int parentFd, byte* name, timespec modified, string display)
    {
        timespec* times = stackalloc timespec[2] { modified, modified };
        Errno.ThrowIfFailed(LibC.utimensat(parentFd, name, times, LibC.AT_SYMLINK_NOFOLLOW), "utimensat", display);
    }
}
