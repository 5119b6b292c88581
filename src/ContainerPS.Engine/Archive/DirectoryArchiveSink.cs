using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Archive;

/// <summary>Writes an OCI layout's files under a fresh directory (the temp directory beside the target).</summary>
internal sealed class DirectoryArchiveSink(string root) : IArchiveSink
{
    private readonly byte[] _buffer = new byte[1 << 16];

    public Digest Add(string path, Stream content, CancellationToken ct)
    {
        var target = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var hashing = new HashingWriteStream(file, leaveOpen: true);
        int n;
        while ((n = content.Read(_buffer)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            hashing.Write(_buffer.AsSpan(0, n));
        }

        file.Flush(flushToDisk: true);
        return hashing.Digest();
    }

    public void Complete()
    {
    }

    public void Dispose()
    {
    }
}
