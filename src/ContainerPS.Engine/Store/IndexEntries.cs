using ContainerPS.Engine.Oci;

namespace ContainerPS.Engine.Store;

/// <summary>
/// Edits of the index.json entry list, applied inside <see cref="ImageIndexStore.Update{T}"/>. A name points at one
/// image; when a name moves to another image and the old image has no name left, the old image stays as a
/// dangling entry (Docker's <c>&lt;none&gt;</c>) until it is removed.
/// </summary>
public static class IndexEntries
{
    public static bool SetName(List<Descriptor> entries, Descriptor named)
    {
        var name = ImageIndexStore.NameOf(named)!;
        var previous = entries.FindIndex(e => ImageIndexStore.NameOf(e) == name);
        if (previous >= 0)
        {
            var old = entries[previous];
            entries.RemoveAt(previous);
            if (old.Digest != named.Digest) KeepDangling(entries, old);
        }

        entries.RemoveAll(e => e.Digest == named.Digest && ImageIndexStore.NameOf(e) is null);
        entries.Add(named);
        return previous >= 0;
    }

    /// <summary>Removes a name; when it was the image's last name the image stays, dangling.</summary>
    public static bool RemoveName(List<Descriptor> entries, string name)
    {
        var at = entries.FindIndex(e => ImageIndexStore.NameOf(e) == name);
        if (at < 0) return false;
        var old = entries[at];
        entries.RemoveAt(at);
        KeepDangling(entries, old);
        return true;
    }

    /// <summary>Removes every entry of an image, named or dangling.</summary>
    public static int RemoveImage(List<Descriptor> entries, Digest manifest) => entries.RemoveAll(e => e.Digest == manifest);

    private static void KeepDangling(List<Descriptor> entries, Descriptor old)
    {
        if (entries.Any(e => e.Digest == old.Digest)) return;
        var annotations = new Dictionary<string, string>(old.Annotations ?? []);
        annotations.Remove(IndexAnnotations.RefName);
        entries.Add(old with { Annotations = annotations });
    }
}
