using System.Text.Json;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Store;

/// <summary>
/// The name → manifest index: the layout's <c>index.json</c> (image-layout.md, "index.json file"). Each entry is a
/// manifest descriptor; a named image has <see cref="IndexAnnotations.RefName"/>, a dangling one has none.
/// Every change is read-modify-write under an exclusive flock and written atomically.
/// </summary>
public sealed class ImageIndexStore
{
    private const long MaxIndexBytes = 64L << 20;
    private readonly StoreLayout _layout;

    public ImageIndexStore(StoreLayout layout) => _layout = layout;

    private string LockPath => Path.Combine(_layout.Locks, "index.lock");

    /// <summary>A consistent snapshot of the index (a reader never sees a torn file thanks to the atomic rename).</summary>
    public ImageIndex Read()
    {
        if (!File.Exists(_layout.IndexFile)) return new ImageIndex();
        var bytes = File.ReadAllBytes(_layout.IndexFile);
        if (bytes.Length > MaxIndexBytes) throw Fail.DataIntegrity("StoreIndexCorrupt", $"{_layout.IndexFile} is larger than {MaxIndexBytes} bytes.");
        try
        {
            return JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageIndex) ?? new ImageIndex();
        }
        catch (JsonException e)
        {
            throw Fail.DataIntegrity("StoreIndexCorrupt", $"{_layout.IndexFile} is not a valid OCI index: {e.Message}", _layout.IndexFile, e);
        }
    }

    /// <summary>Applies <paramref name="change"/> to the current index under the index lock and saves the result.</summary>
    public T Update<T>(Func<List<Descriptor>, T> change, CancellationToken ct = default)
    {
        using var held = FileLock.Acquire(LockPath, exclusive: true, ct);
        var index = Read();
        var entries = index.Manifests.ToList();
        var result = change(entries);
        var updated = index with { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = entries };
        AtomicFile.WriteAllBytes(_layout.IndexFile, JsonSerializer.SerializeToUtf8Bytes(updated, OciJsonContext.Default.ImageIndex));
        return result;
    }

    public static string? NameOf(Descriptor entry) =>
        entry.Annotations is { } a && a.TryGetValue(IndexAnnotations.RefName, out var name) ? name : null;
}
