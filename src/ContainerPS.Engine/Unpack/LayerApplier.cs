using System.Formats.Tar;

namespace ContainerPS.Engine.Unpack;

/// <summary>
/// Applies one uncompressed layer tar (image-spec layer.md) to an empty directory in the form overlayfs reads as a
/// lower directory, as Docker's overlay2 stores a layer's diff: whiteouts become 0/0 character devices, opaque
/// markers the <c>trusted.overlay.opaque</c> xattr. TarReader only parses; every file is created by
/// <see cref="EntryWriter"/> relative to directory fds resolved inside the target (hardening.md, principle 1).
/// Nothing is fsync-ed: the caller syncs the finished snapshot once.
/// </summary>
public sealed class LayerApplier
{
    private const int DrainBufferSize = 64 * 1024;

    private readonly UnpackLimits _limits;

    public LayerApplier(UnpackLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    /// <summary>
    /// Unpacks <paramref name="tar"/> into <paramref name="targetDirectory"/> (existing and empty), then reads the stream
    /// to its end so that a digest computed over it covers every byte. On failure the directory holds a partial
    /// layer that the caller removes. The caller owns <paramref name="tar"/>.
    /// </summary>
    public UnpackResult Apply(Stream tar, string targetDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentException.ThrowIfNullOrEmpty(targetDirectory);

        using var root = LayerRoot.Open(targetDirectory);
        using var readAhead = new ReadAheadStream(tar);
        var input = new BoundedTarStream(readAhead, _limits);
        var writer = new EntryWriter(root);
        try
        {
            long entries = WriteEntries(input, root, writer, ct);
            writer.Finish();
            input.StopInspecting();
            Drain(input);
            return new UnpackResult(entries, writer.BytesWritten);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or NotSupportedException)
        {
            throw UnpackErrors.InvalidLayer($"The layer is not a valid tar stream: {e.Message}", inner: e);
        }
    }

    private long WriteEntries(BoundedTarStream input, LayerRoot root, EntryWriter writer, CancellationToken ct)
    {
        using var reader = new TarReader(input, leaveOpen: true);
        long entries = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            TarEntry? entry = reader.GetNextEntry();
            if (entry is null)
            {
                return entries;
            }

            if (++entries > _limits.MaxEntries)
            {
                throw UnpackErrors.TooLarge($"The layer has more than {_limits.MaxEntries} entries.");
            }

            input.DataFollows(entry.DataStream is null ? 0 : entry.Length);
            root.BeginEntry();
            writer.Write(entry, input.EntryPaxRecords);
        }
    }

    // Whatever follows the end-of-archive marker still belongs to the blob whose DiffID the caller checks.
    private static void Drain(Stream input)
    {
        byte[] buffer = new byte[DrainBufferSize];
        while (input.Read(buffer) > 0)
        {
        }
    }
}
