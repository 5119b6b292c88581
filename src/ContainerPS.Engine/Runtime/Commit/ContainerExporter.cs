using ContainerPS.Engine.IO;
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
        ExportTarget.Check(full, directory: false, force);
        var walker = new MergedTreeWalker([paths.Upper, .. lowerDirsTopFirst]);
        try
        {
            AtomicFile.Write(full, tar => LayerTarWriter.Write(walker.Walk(), tar, ct), overwrite: force);
        }
        catch (IOException) when (!force && File.Exists(full))
        {
            throw ExportTarget.Exists(full); // created by someone else while the tar was written
        }
    }}
