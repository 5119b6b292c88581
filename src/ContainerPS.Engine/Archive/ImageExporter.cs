using ContainerPS.Engine.Errors;
using ContainerPS.Engine.IO;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// Writes images to an archive (docker save / podman save). Everything goes into a temp file (or directory) beside
/// the target, which is renamed into place only when complete, so a failure or Ctrl+C leaves nothing partial and an
/// existing target intact. The collector lock is held shared meanwhile, so no Remove-Image deletes a blob being read.
/// </summary>
public sealed class ImageExporter(StoreLayout layout)
{
    private readonly BlobStore _blobs = new(layout);

    public void Export(IReadOnlyList<ExportedImage> images, string target, ArchiveFormat format, bool force, IProgress<ArchiveProgress>? progress, CancellationToken ct)
    {
        var full = Path.GetFullPath(target);
        ExportTarget.Check(full, directory: format == ArchiveFormat.OciLayout, force);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (GarbageCollector.HoldOff(layout, ct))
            {
                var items = format == ArchiveFormat.DockerArchive ? new DockerArchivePlan(_blobs).Plan(images) : new OciLayoutPlan(_blobs).Plan(images);
                using var sink = OpenSink(format, temp);
                Write(sink, items, progress, ct);
                sink.Complete();
            }

            ArchiveTarget.Publish(temp, full, format == ArchiveFormat.OciLayout);
        }
        finally
        {
            ArchiveTarget.Remove(temp);
        }
    }

    private static IArchiveSink OpenSink(ArchiveFormat format, string temp)
    {
        if (format == ArchiveFormat.OciLayout)
        {
            Directory.CreateDirectory(temp);
            return new DirectoryArchiveSink(temp);
        }

        return new TarArchiveSink(new EarlyWritebackStream(new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16)));
    }

    private static void Write(IArchiveSink sink, List<ArchiveItem> items, IProgress<ArchiveProgress>? progress, CancellationToken ct)
    {
        var blobCount = items.Count(i => i.IsBlob);
        var blobIndex = 0;
        Stream? next = null;
        try
        {
            for (int k = 0; k < items.Count; k++)
            {
                ct.ThrowIfCancellationRequested();
                var item = items[k];
                if (item.IsBlob) progress?.Report(new ArchiveProgress(item.Path, ++blobIndex, blobCount));
                using var content = next ?? item.Open();
                // The next item is opened now: a decompressing one starts on its own thread beside this one's.
                next = k + 1 < items.Count ? items[k + 1].Open() : null;
                var written = sink.Add(item.Path, content, ct);
                if (item.Expected is { } expected && written != expected)
                    throw Fail.DataIntegrity("StoreBlobCorrupt", $"The stored content for '{item.Path}' hashes to {written}, not {expected}: the store is damaged.", expected.ToString());
            }
        }
        finally
        {
            next?.Dispose();
        }
    }
}
