using System.Text;
using ContainerPS.Engine.Build.Context;
using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Native;
using ContainerPS.Engine.Runtime.Copy;
using Microsoft.Win32.SafeHandles;
using Tmds.Linux;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Writes a planned COPY into a stage's root (Dockerfile reference, "COPY"): a file goes to the destination, or into
/// it when the destination is a directory; a directory's contents go into the destination; missing parents are
/// made. Everything gets <paramref name="ownership"/>'s ids and, with <c>--chmod</c>, its mode; times are the
/// sources'. Writes go by fd through <see cref="RootDirectories"/> and <see cref="TreeCopier"/>, never following a
/// symlink out of the root. ADD (Dockerfile reference, "ADD") also extracts a context file that is a tar archive
/// into the destination (<see cref="ArchiveExtractor"/>) and writes a downloaded URL as a file.
/// </summary>
internal sealed unsafe class CopyWriter(int rootFd, CopyOwnership ownership, CancellationToken ct)
{
    private const ushort HeredocMode = 0x1A4; // 0644, as BuildKit writes a heredoc file
    private const ushort DownloadMode = 0x180; // 0600: Dockerfile reference, "ADD": "a URL ... will have permissions of 600"
    private readonly RootDirectories _directories = new(rootFd, ownership);
    private readonly TreeCopier _copier = new(ct, ownership);

    /// <param name="fromRootFd">The root a <c>--from</c> names, or -1.</param>
    public void Write(CopyPlan plan, int fromRootFd)
    {
        var intoDirectory = plan.DestinationIsDirectory || _directories.IsDirectory(plan.Destination);
        foreach (var source in plan.Sources)
        {
            ct.ThrowIfCancellationRequested();
            if (source.Match is { } match && plan.ExtractArchives && ExtractArchive(plan, match)) continue;
            if (source.Match is { } m) WriteContext(m, plan.Destination, intoDirectory);
            else if (source.Download is { } download) WriteDownload(download, plan.Destination, intoDirectory, source.BaseName);
            else if (source.RootPath is { } path) WriteFromRoot(plan.Instruction, fromRootFd, path, plan.Destination, intoDirectory);
            else WriteHeredoc(source, plan.Destination, intoDirectory);
        }
    }

    /// <summary>
    /// Extracts <paramref name="match"/> into the destination, which is then a directory, when it is a regular file
    /// holding a tar archive (recognised by content, <see cref="AddArchive"/>); false when it is anything else.
    /// </summary>
    private bool ExtractArchive(CopyPlan plan, SourceMatch match)
    {
        if (match.Entry.Kind != ContextEntryKind.File || AddArchive.TryOpen(match.Entry.FullPath) is not { } tar) return false;
        using (tar)
        {
            int destination = _directories.Ensure(plan.Destination);
            try
            {
                var chown = string.IsNullOrEmpty(plan.Chown) ? null : new CopyOwnership(ownership.Uid, ownership.Gid);
                new ArchiveExtractor(destination, chown, plan.Instruction.Location, match.MatchedPath, ct).Extract(tar);
            }
            finally
            {
                LibC.close(destination);
            }
        }
        return true;
    }

    /// <summary>A URL's content as a new file: mode 0600 unless <c>--chmod</c>, the <c>--chown</c> ids, and the server's Last-Modified as its mtime (Dockerfile reference, "ADD").</summary>
    private void WriteDownload(DownloadedFile download, string destination, bool intoDirectory, string baseName) =>
        WriteNewFile(destination, intoDirectory, baseName, DownloadMode, (file, fd, name) =>
        {
            using (var input = File.OpenRead(download.Path)) input.CopyTo(file);
            if (download.LastModified is { } modified) SetModified(fd, modified, name);
        });

    private static void SetModified(int fd, DateTimeOffset modified, string display)
    {
        var time = Unpack.EntryAttributes.ToTimespec(modified);
        timespec* times = stackalloc timespec[2] { time, time };
        Errno.ThrowIfFailed(LibC.futimens(fd, times), "futimens", display);
    }

    private void WriteContext(SourceMatch match, string destination, bool intoDirectory)
    {
        if (match.Entry.Kind != ContextEntryKind.Directory)
        {
            var (parent, name) = Target(destination, intoDirectory, Path.GetFileName(match.MatchedPath.TrimEnd('/')));
            CopyHostEntry(match.Entry.FullPath, parent, name);
            return;
        }

        LibC.close(_directories.Ensure(destination));
        foreach (var content in match.Contents)
        {
            var (parent, name) = RootDirectories.Split(Join(destination, match.PathInSource(content)));
            CopyHostEntry(content.FullPath, parent, name);
        }
    }

    private void WriteFromRoot(DockerfileInstruction instruction, int fromRootFd, string path, string destination, bool intoDirectory)
    {
        int source = new ContainerTree(fromRootFd).Open(path, LibC.O_PATH);
        if (source < 0) throw BuildContextErrors.NotFound($"{path} (in --from={instruction.Flag("from")})");
        try
        {
            if (TreeCopier.IsDirectory(TreeCopier.Status(source, path)))
            {
                int target = _directories.Ensure(destination);
                try
                {
                    _copier.CopyContents(source, target, path);
                }
                finally
                {
                    LibC.close(target);
                }
                return;
            }

            var (parent, name) = Target(destination, intoDirectory, Path.GetFileName(path));
            int parentFd = _directories.Ensure(parent);
            try
            {
                _copier.CopyAs(source, parentFd, name, path);
            }
            finally
            {
                LibC.close(parentFd);
            }
        }
        finally
        {
            LibC.close(source);
        }
    }

    private void WriteHeredoc(CopySource source, string destination, bool intoDirectory) =>
        WriteNewFile(destination, intoDirectory, source.HeredocName!, HeredocMode,
            (file, _, _) => file.Write(Encoding.UTF8.GetBytes(source.HeredocContent!)));

    /// <summary>
    /// A new file at the destination, its content from <paramref name="fill"/>, with the <c>--chown</c> ids and the
    /// <c>--chmod</c> mode, else <paramref name="mode"/>; owner and mode are set after the content, so no other
    /// process sees the file with them half-written.
    /// </summary>
    private void WriteNewFile(string destination, bool intoDirectory, string baseName, ushort mode, Action<FileStream, int, string> fill)
    {
        var (parent, name) = Target(destination, intoDirectory, baseName);
        int parentFd = _directories.Ensure(parent);
        try
        {
            fixed (byte* n = Utf8Path.ToArray(name))
            {
                int fd = LibC.openat(parentFd, n, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_TRUNC | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, mode);
                Errno.ThrowIfFailed(fd, "openat", Join(parent, name));
                using var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
                fill(file, fd, name);
                Errno.ThrowIfFailed(LibC.fchown(fd, ownership.Uid, ownership.Gid), "fchown", name);
                Errno.ThrowIfFailed(LibC.fchmod(fd, ownership.Mode ?? mode), "fchmod", name);
            }
        }
        finally
        {
            LibC.close(parentFd);
        }
    }

    private void CopyHostEntry(string hostPath, string parent, string name)
    {
        int parentFd = _directories.Ensure(parent);
        try
        {
            fixed (byte* p = Utf8Path.ToArray(hostPath))
            {
                int source = LibC.open(p, LibC.O_PATH | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
                Errno.ThrowIfFailed(source, "open", hostPath);
                try
                {
                    _copier.CopyEntry(source, parentFd, name, Join(parent, name));
                }
                finally
                {
                    LibC.close(source);
                }
            }
        }
        finally
        {
            LibC.close(parentFd);
        }
    }

    /// <summary>Where a non-directory source goes: into the destination directory under its own name, or as the destination.</summary>
    private static (string Parent, string Name) Target(string destination, bool intoDirectory, string baseName) =>
        intoDirectory ? (destination, baseName) : RootDirectories.Split(destination);

    private static string Join(string directory, string relative) => directory.TrimEnd('/') + "/" + relative;
}
