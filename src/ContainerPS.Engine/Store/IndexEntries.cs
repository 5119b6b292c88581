using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Store;

/// <summary>
/// Edits of the index.json entry list, applied inside <see cref="ImageIndexStore.Update{T}"/>. A name points at one
/// manifest; an image is every manifest of one config (<c>imageOf</c> in each edit: manifest digest →
/// image id, null when unknown, then the manifest stands for itself). When an image loses its last name it stays as
/// one nameless entry (Docker's <c>&lt;none&gt;</c>) until it is removed; an image that still has a name has none.
/// A build cache entry (<see cref="IndexAnnotations.BuildCacheKey"/>) is neither: it keeps its image and layers from
/// the collector, but an image with only cache entries is not listed as an image (docs/build.md, "Cache").
/// </summary>
public static class IndexEntries
{
    public static bool SetName(List<Descriptor> entries, Descriptor named, Func<Digest, Digest?> imageOf)
    {
        var name = ImageIndexStore.NameOf(named)!;
        var previous = entries.FindIndex(e => ImageIndexStore.NameOf(e) == name);
        if (previous >= 0)
        {
            var old = entries[previous];
            entries.RemoveAt(previous);
            KeepDangling(entries, old, imageOf);
        }

        entries.Add(named);
        DropNeedlessDangling(entries, imageOf);
        return previous >= 0;
    }

    /// <summary>Adds an entry without a name (an image made here and not named) unless the image already has an entry.</summary>
    public static bool AddNameless(List<Descriptor> entries, Descriptor nameless, Func<Digest, Digest?> imageOf)
    {
        var image = ImageKey(nameless, imageOf);
        if (entries.Any(e => !IndexAnnotations.IsBuildCache(e) && ImageKey(e, imageOf) == image)) return false;
        entries.Add(nameless);
        return true;
    }

    /// <summary>Records <paramref name="entry"/> as the result of its build cache key, in place of an earlier result of that key.</summary>
    public static void SetBuildCache(List<Descriptor> entries, Descriptor entry)
    {
        var key = entry.Annotations![IndexAnnotations.BuildCacheKey];
        entries.RemoveAll(e => e.Annotations?.GetValueOrDefault(IndexAnnotations.BuildCacheKey) == key);
        entries.Add(entry);
    }

    /// <summary>Removes a name; when it was the image's last name the image stays, dangling.</summary>
    public static bool RemoveName(List<Descriptor> entries, string name, Func<Digest, Digest?> imageOf)
    {
        var at = entries.FindIndex(e => ImageIndexStore.NameOf(e) == name);
        if (at < 0) return false;
        var old = entries[at];
        entries.RemoveAt(at);
        KeepDangling(entries, old, imageOf);
        return true;
    }

    /// <summary>Removes every entry of an image, named or dangling, whichever manifest it has.</summary>
    public static int RemoveImage(List<Descriptor> entries, Digest imageId, Func<Digest, Digest?> imageOf) =>
        entries.RemoveAll(e => ImageKey(e, imageOf) == imageId);

    private static void KeepDangling(List<Descriptor> entries, Descriptor old, Func<Digest, Digest?> imageOf)
    {
        var image = ImageKey(old, imageOf);
        if (entries.Any(e => ImageKey(e, imageOf) == image)) return; // a name, a dangling entry, or the build cache keeps it
        var annotations = new Dictionary<string, string>(old.Annotations ?? []);
        annotations.Remove(IndexAnnotations.RefName);
        entries.Add(old with { Annotations = annotations });
    }

    /// <summary>A nameless entry of an image that has a name, or a second nameless entry of one image, goes.</summary>
    private static void DropNeedlessDangling(List<Descriptor> entries, Func<Digest, Digest?> imageOf)
    {
        var named = entries.Where(e => ImageIndexStore.NameOf(e) is not null).Select(e => ImageKey(e, imageOf)).ToHashSet();
        var dangling = new HashSet<Digest>();
        entries.RemoveAll(e => ImageIndexStore.NameOf(e) is null && !IndexAnnotations.IsBuildCache(e) && (named.Contains(ImageKey(e, imageOf)) || !dangling.Add(ImageKey(e, imageOf))));
    }

    private static Digest ImageKey(Descriptor entry, Func<Digest, Digest?> imageOf) => imageOf(entry.Digest) ?? entry.Digest;
}
