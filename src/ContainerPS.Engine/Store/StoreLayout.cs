using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Store;

/// <summary>
/// Where everything lives under a store root (DESIGN.md, "On disk"). The root is an OCI image layout
/// (image-spec image-layout.md: <c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/&lt;hex&gt;</c>), so skopeo and
/// umoci can read it; beside it are ContainerPS's own folders, which layout readers ignore.
/// </summary>
public sealed class StoreLayout
{
    private const string UnusableRootId = "StoreRootUnusable";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public StoreLayout(string root)
    {
        Root = Path.GetFullPath(root);
        Blobs = Path.Combine(Root, "blobs", "sha256");
        Ingest = Path.Combine(Root, "ingest");
        Snapshots = Path.Combine(Root, "snapshots");
        Locks = Path.Combine(Root, "locks");
        IndexFile = Path.Combine(Root, "index.json");
        LayoutMarkerFile = Path.Combine(Root, "oci-layout");
    }

    public string Root { get; }

    /// <summary>Committed, verified blobs: <c>blobs/sha256/&lt;hex&gt;</c>.</summary>
    public string Blobs { get; }

    /// <summary>Partial downloads, kept across a killed pull so the next one resumes them.</summary>
    public string Ingest { get; }

    /// <summary>Unpacked layers keyed by ChainID: <c>snapshots/&lt;hex&gt;/fs</c> is an overlayfs lower directory.</summary>
    public string Snapshots { get; }

    /// <summary>Lock files for flock(2); their content is never read.</summary>
    public string Locks { get; }

    public string IndexFile { get; }

    public string LayoutMarkerFile { get; }

    /// <summary>
    /// Creates the root (mode 0700: it holds setuid files and device nodes from images) and its folders. A root that
    /// cannot hold them (a file, a read-only or pseudo file system such as <c>/proc/self</c>, no permission) is a
    /// StoreRootUnusable error that names it, not the first failed file operation.
    /// </summary>
    public void EnsureCreated()
    {
        try
        {
            CreateFolders();
        }
        catch (UnauthorizedAccessException e)
        {
            throw Fail.PermissionDenied(UnusableRootId, $"'{Root}' cannot be a ContainerPS store: permission denied. Give -Root a directory you may write.", Root, e);
        }
        catch (IOException e)
        {
            throw Fail.InvalidArgument(UnusableRootId, $"'{Root}' cannot be a ContainerPS store: {e.Message} Give -Root a directory you may write.", Root, e);
        }
    }

    private void CreateFolders()
    {
        foreach (var dir in new[] { Root, Path.Combine(Root, "blobs"), Blobs, Ingest, Snapshots, Locks })
        {
            if (!Directory.Exists(dir)) Directory.CreateDirectory(dir, OwnerOnly);
        }

        File.SetUnixFileMode(Root, OwnerOnly);
        if (!File.Exists(LayoutMarkerFile)) AtomicFile.WriteAllBytes(LayoutMarkerFile, """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray());
    }
}
