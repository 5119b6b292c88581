using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Runtime.Copy;

/// <summary>
/// One docker cp of a source path to a destination path, between two trees (host → container or container → host),
/// with docker cp's rules ("docker container cp", the SRC_PATH/DEST_PATH table):
/// a source that is a symlink is copied as the symlink; a source ending in "/." (or the root "/") copies a directory's
/// contents; an existing directory destination receives the source under its own name; a destination that does not
/// exist becomes the copy, but a file is never copied to a missing "dir/"; a directory never replaces a file.
/// </summary>
internal sealed class PathCopy(ICopyTree source, ICopyTree destination, CancellationToken ct)
{
    private static readonly int DirectoryFlags = LibC.O_RDONLY | LibC.O_DIRECTORY;

    public CopiedItem Copy(string sourcePath, string destinationPath)
    {
        int item = OpenSource(sourcePath, out bool copyContents);
        try
        {
            bool isDirectory = TreeCopier.IsDirectory(TreeCopier.Status(item, sourcePath));
            return CopyTo(item, isDirectory, copyContents && isDirectory, sourcePath, destinationPath);
        }
        finally
        {
            LibC.close(item);
        }
    }

    private CopiedItem CopyTo(int item, bool isDirectory, bool copyContents, string sourcePath, string destinationPath)
    {
        var copier = new TreeCopier(ct);
        int existing = destination.Open(destinationPath, DirectoryFlags);
        if (existing >= 0)
        {
            try
            {
                if (copyContents)
                {
                    copier.CopyContents(item, existing, destinationPath);
                    return Item(destinationPath, isDirectory: true);
                }

                string name = NameOf(sourcePath);
                string target = Join(destinationPath, name);
                copier.CopyAs(item, existing, name, target);
                return Item(target, isDirectory);
            }
            finally
            {
                LibC.close(existing);
            }
        }

        ThrowUnlessCopyCanCreate(-existing, isDirectory, destinationPath);
        string leaf = NameOf(destinationPath);
        int parent = OpenParent(destinationPath);
        try
        {
            copier.CopyAs(item, parent, leaf, destinationPath.TrimEnd('/'));
            return Item(destinationPath.TrimEnd('/'), isDirectory);
        }
        finally
        {
            LibC.close(parent);
        }
    }

    private int OpenSource(string path, out bool copyContents)
    {
        copyContents = path.EndsWith("/.", StringComparison.Ordinal) || path.TrimEnd('/').Length == 0;

        // A trailing "/" or "/." asks for the directory itself, so the last component is followed (in the tree's own root).
        bool followLast = copyContents || path.EndsWith('/');
        int fd = source.Open(path, LibC.O_PATH | (followLast ? LibC.O_DIRECTORY : LibC.O_NOFOLLOW));
        if (fd >= 0) return fd;
        if (-fd == LibC.ENOENT || (-fd == LibC.ENOTDIR && followLast)) throw source.NotFound(path, Errno.Exception(-fd, "open", path));
        throw CopyErrors.Failed($"Cannot open '{path}': {Errno.Exception(-fd, "open", path).Message}", path);
    }

    private static void ThrowUnlessCopyCanCreate(int errno, bool isDirectory, string path)
    {
        bool missing = errno == LibC.ENOENT;
        bool notDirectory = errno == LibC.ENOTDIR;
        if (!missing && !notDirectory) throw CopyErrors.Failed($"Cannot open '{path}': {Errno.Exception(errno, "open", path).Message}", path);
        if (notDirectory && (isDirectory || path.EndsWith('/'))) throw CopyErrors.Failed($"Cannot copy a directory onto '{path}': it is not a directory.", path);
        if (missing && !isDirectory && path.EndsWith('/')) throw CopyErrors.Failed($"The destination directory '{path}' does not exist.", path);
    }

    private int OpenParent(string path)
    {
        string trimmed = path.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        string parent = slash < 0 ? (destination.InContainer ? "/" : ".") : slash == 0 ? "/" : trimmed[..slash];
        int fd = destination.Open(parent, DirectoryFlags);
        if (fd >= 0) return fd;
        if (-fd == LibC.ENOENT || -fd == LibC.ENOTDIR) throw destination.NotFound(parent, Errno.Exception(-fd, "open", parent));
        throw CopyErrors.Failed($"Cannot open '{parent}': {Errno.Exception(-fd, "open", parent).Message}", parent);
    }

    private static string NameOf(string path)
    {
        string trimmed = path.EndsWith("/.", StringComparison.Ordinal) ? path[..^2] : path;
        trimmed = trimmed.TrimEnd('/');
        string name = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        if (name is "" or "." or "..") throw CopyErrors.Failed($"'{path}' does not name an item to copy or to create.", path);
        return name;
    }

    private CopiedItem Item(string path, bool isDirectory) => new(destination.InContainer ? Absolute(path) : path, destination.InContainer, isDirectory);

    private static string Join(string directory, string name) => directory.TrimEnd('/') + "/" + name;

    private static string Absolute(string path) => path.StartsWith('/') ? path : "/" + path;
}
