using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Runtime.Commit;

/// <summary>
/// docker export: the container's root file system, its upper directory merged over its image's layers
/// (<see cref="MergedTreeWalker"/>), as one flat tar with no whiteouts, written by the layer tar writer to a temp file
/// that is renamed over the destination only once complete. Volumes and the kernel file systems mounted in a running
/// container are not part of its root file system and are not exported.
/// </summary>
internal static class ContainerExporter
{
    public static void Export(ContainerPaths paths, IReadOnlyList<string> lowerDirsTopFirst, string destination, bool force, CancellationToken ct)
    {
        var full = Path.GetFullPath(destination);
        if (Directory.Exists(full)) throw Fail.InvalidArgument("ExportPathIsDirectory", $"'{destination}' is a directory; give a file path for the tar.", destination);
        if (!force && File.Exists(full)) throw Exists(destination);
        if (!Directory.Exists(Path.GetDirectoryName(full))) throw Fail.NotFound("ExportDirectoryNotFound", $"The directory of '{destination}' does not exist.", destination);
        var walker = new MergedTreeWalker([paths.Upper, .. lowerDirsTopFirst]);
        try
        {
            AtomicFile.Write(full, tar => LayerTarWriter.Write(walker.Walk(), tar, ct), overwrite: force);
        }
        catch (IOException) when (!force && File.Exists(full))
        {
            throw Exists(destination); // created by someone else while the tar was written
        }
    }

    private static ContainerPSException Exists(string destination) =>
        Fail.Conflict("ExportFileExists", $"'{destination}' exists already; use -Force to replace it.", destination);
}
