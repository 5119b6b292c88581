using System.Formats.Tar;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Store;
using ContainerPS.Engine.Unpack;

namespace ContainerPS.Engine.Archive;

/// <summary>
/// An archive tar read once, front to back, never extracted by path: each regular entry is streamed into a file of
/// a private staging directory under the store's ingest/ (named by its ordinal, not its archive path) while it is
/// hashed, so the importer can look entries up by path in any order the tar has them. A blob is committed by
/// renaming its staged file after its digest is checked; whatever is not committed is deleted with the directory
/// on <see cref="Dispose"/>. The tar's bounds are enforced by the unpacker's <see cref="BoundedTarStream"/>.
/// </summary>
internal sealed class StagedArchive : IArchiveEntries
{
    private readonly string _directory;
    private readonly StoreLayout _layout;
    private readonly ArchiveLimits _limits;
    private readonly Dictionary<string, StagedEntry> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    private StagedArchive(StoreLayout layout, ArchiveLimits limits)
    {
        _layout = layout;
        _limits = limits;
        _directory = Path.Combine(layout.Ingest, "archive-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    public static StagedArchive Read(Stream tar, StoreLayout layout, ArchiveLimits limits, CancellationToken ct)
    {
        var archive = new StagedArchive(layout, limits);
        try
        {
            archive.ReadEntries(tar, ct);
            archive.ResolveLinks();
            return archive;
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public bool Contains(string path) => _files.ContainsKey(path);

    public byte[] ReadAllBytes(string path, long maxBytes)
    {
        using var stream = File.OpenRead(Get(path).File);
        return ArchiveVerify.ReadBounded(stream, path, maxBytes);
    }

    public long SizeOf(string path) => Get(path).Size;

    public void Check(string path, Descriptor expected)
    {
        var entry = Get(path);
        ArchiveVerify.Matches(path, expected, entry.Digest, entry.Size);
    }

    public void Commit(string path, Descriptor expected, BlobStore blobs, CancellationToken ct)
    {
        Check(path, expected);
        using var held = FileLock.Acquire(Path.Combine(_layout.Locks, $"blob-{expected.Digest.Hex}.lock"), exclusive: true, ct);
        if (blobs.Exists(expected.Digest)) return;
        blobs.CommitIngested(Get(path).File, expected.Digest); // fsynced when staged
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private StagedEntry Get(string path) => _files.TryGetValue(path, out var entry) ? entry : throw ArchiveErrors.Missing(path);

    private void ReadEntries(Stream tar, CancellationToken ct)
    {
        var bounded = new BoundedTarStream(tar, new UnpackLimits { MaxLayerBytes = _limits.MaxArchiveBytes, MaxEntries = _limits.MaxEntries });
        try
        {
            using var reader = new TarReader(bounded, leaveOpen: true);
            long count = 0;
            while (reader.GetNextEntry() is { } entry)
            {
                ct.ThrowIfCancellationRequested();
                if (++count > _limits.MaxEntries) throw ArchiveErrors.Invalid($"The archive has more than {_limits.MaxEntries} entries.");
                bounded.DataFollows(entry.DataStream is null ? 0 : entry.Length);
                Add(entry, ct);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or NotSupportedException)
        {
            throw ArchiveErrors.Invalid($"The archive is not a valid tar: {e.Message}", inner: e);
        }
        catch (ContainerPSException e) when (e.ErrorId is "InvalidLayer" or "LayerTooLarge")
        {
            throw ArchiveErrors.Invalid(e.Message.Replace("layer", "archive", StringComparison.Ordinal), inner: e);
        }
    }

    private void Add(TarEntry entry, CancellationToken ct)
    {
        if (entry.EntryType is TarEntryType.GlobalExtendedAttributes) return;
        var name = ArchiveEntryName.Normalize(entry.Name);
        if (name is null || entry.EntryType is TarEntryType.Directory) return;
        if (_files.ContainsKey(name) || _links.ContainsKey(name)) throw ArchiveErrors.Invalid($"The archive has the entry '{name}' twice.", name);
        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                _files[name] = Stage(entry, ct);
                break;
            case TarEntryType.SymbolicLink:
                _links[name] = ArchiveEntryName.ResolveSymlink(name, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                _links[name] = ArchiveEntryName.Normalize(entry.LinkName) ?? throw ArchiveErrors.Unsafe(name, "a hard link to the archive root");
                break;
            default:
                throw ArchiveErrors.Unsafe(name, $"an entry of type {entry.EntryType}, which no image archive has");
        }
    }

    private StagedEntry Stage(TarEntry entry, CancellationToken ct)
    {
        var file = Path.Combine(_directory, _files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var hashing = new HashingWriteStream(output, leaveOpen: true);
        if (entry.DataStream is { } data) data.CopyToAsync(hashing, ct).GetAwaiter().GetResult();
        output.Flush(flushToDisk: true);
        return new StagedEntry(file, hashing.Digest(), hashing.BytesWritten);
    }

    /// <summary>A link names the file it ends at (docker 1.x archives link a layer shared by two images); one that ends nowhere is refused.</summary>
    private void ResolveLinks()
    {
        foreach (var (name, first) in _links)
        {
            var target = first;
            for (var hop = 0; !_files.ContainsKey(target); hop++)
            {
                if (hop >= _limits.MaxLinkHops || !_links.TryGetValue(target, out var next))
                    throw ArchiveErrors.Unsafe(name, $"a link to '{first}', which is no file in the archive");
                target = next;
            }

            _files[name] = _files[target];
        }
    }
}
