namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// The few file-system reads the build context needs, none of which follows a symbolic link (lstat semantics via
/// <see cref="FileSystemInfo.LinkTarget"/>), so a link that points outside the context is never read through
/// (Dockerfile reference, "COPY").
/// </summary>
internal sealed class ContextFileSystem(string root)
{
    public string Root { get; } = root;

    public string FullPath(string contextPath) => contextPath.Length == 0 ? Root : Path.Combine(Root, contextPath);

    /// <summary>The entry at a path whose parents are real directories, or null when nothing is there.</summary>
    public ContextEntry? Probe(string contextPath)
    {
        string full = FullPath(contextPath);
        var info = new FileInfo(full);
        if (info.LinkTarget is string target) return new ContextEntry(contextPath, full, ContextEntryKind.Symlink, target);
        if (Directory.Exists(full)) return new ContextEntry(contextPath, full, ContextEntryKind.Directory);
        return info.Exists ? new ContextEntry(contextPath, full, ContextEntryKind.File) : null;
    }

    /// <summary>The children of a real directory, sorted by name as Go's directory walk sorts them.</summary>
    public IReadOnlyList<ContextEntry> List(string directory)
    {
        try
        {
            return new DirectoryInfo(FullPath(directory)).EnumerateFileSystemInfos()
                .Select(info => Describe(SlashPath.Join(directory, info.Name), info))
                .OrderBy(entry => entry.ContextPath, StringComparer.Ordinal)
                .ToList();
        }
        catch (DirectoryNotFoundException) { return []; }
        catch (UnauthorizedAccessException e) { throw BuildContextErrors.Unreadable(directory, e); }
        catch (IOException e) { throw BuildContextErrors.Unreadable(directory, e); }
    }

    private static ContextEntry Describe(string contextPath, FileSystemInfo info)
    {
        if ((info.Attributes & FileAttributes.ReparsePoint) != 0 && info.LinkTarget is string target)
            return new ContextEntry(contextPath, info.FullName, ContextEntryKind.Symlink, target);
        bool isDirectory = (info.Attributes & FileAttributes.Directory) != 0;
        return new ContextEntry(contextPath, info.FullName, isDirectory ? ContextEntryKind.Directory : ContextEntryKind.File);
    }
}
